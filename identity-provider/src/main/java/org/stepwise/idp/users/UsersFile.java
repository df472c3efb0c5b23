package org.stepwise.idp.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.security.crypto.password.PasswordEncoder;

import org.stepwise.idp.IdpProperties.Account;

/**
 * The people and machine clients who may get tokens, with their passwords hashed. Read
 * from a YAML (or JSON) file with the same fields as the demo accounts:
 *
 * <pre>
 * accounts:
 *   - name: clinician-a1
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [clinician]
 *     programs: [program-a]
 *     clinician-id: clinician-a1
 * clients:
 *   - name: stepwise-ingest
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [ingest]
 *     programs: [program-a, program-b]
 *   - name: ehr-a
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [program-admin]
 *     programs: [program-a]
 *     scopes: [stepwise.part2]
 * </pre>
 *
 * @param accounts people (login form, and client credentials for curl)
 * @param clients machine clients (client credentials)
 */
public record UsersFile(@DefaultValue List<Account> accounts, @DefaultValue List<Account> clients) {

	/** Nobody. */
	public static final UsersFile NONE = new UsersFile(List.of(), List.of());

	/**
	 * The accounts of a users file, every password a hash.
	 * @throws IllegalArgumentException for a password that is not a hash, or a name used
	 * twice
	 */
	public static UsersFile read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("The users file " + file + " does not exist");
		}
		UsersFile users = bind(new FileSystemResource(file), file.toString());
		users.all()
			.forEach((account) -> PasswordHashes.requireHash(account.name(), file.toString(), account.password()));
		return users;
	}

	/**
	 * The bundled demo accounts (public passwords, in {@code demo-accounts.yml}), hashed
	 * here.
	 */
	public static UsersFile demo(PasswordEncoder encoder) {
		UsersFile demo = bind(new ClassPathResource("demo-accounts.yml"), "demo-accounts.yml");
		return new UsersFile(hashed(demo.accounts(), encoder), hashed(demo.clients(), encoder));
	}

	/** These and those; a name in both is refused. */
	public UsersFile and(UsersFile other) {
		List<Account> accounts = new ArrayList<>(this.accounts);
		accounts.addAll(other.accounts());
		List<Account> clients = new ArrayList<>(this.clients);
		clients.addAll(other.clients());
		UsersFile both = new UsersFile(accounts, clients);
		both.requireUniqueNames("the users file and the demo accounts");
		return both;
	}

	/** Accounts, then clients. */
	public List<Account> all() {
		List<Account> all = new ArrayList<>(this.clients);
		all.addAll(this.accounts);
		return all;
	}

	public boolean isEmpty() {
		return this.accounts.isEmpty() && this.clients.isEmpty();
	}

	private void requireUniqueNames(String source) {
		Set<String> names = new HashSet<>();
		for (Account account : all()) {
			if (!names.add(account.name())) {
				throw new IllegalArgumentException("Account '" + account.name() + "' is defined twice in " + source);
			}
		}
	}

	private static List<Account> hashed(List<Account> accounts, PasswordEncoder encoder) {
		return accounts.stream().map((account) -> account.withPassword(encoder.encode(account.password()))).toList();
	}

	private static UsersFile bind(Resource resource, String source) {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(source, resource);
			UsersFile users = new Binder(ConfigurationPropertySources.from(documents))
				.bind("", Bindable.of(UsersFile.class))
				.orElse(NONE);
			users.requireUniqueNames(source);
			for (Account account : users.all()) {
				if (account.name() == null || account.name().isBlank() || account.roles() == null
						|| account.roles().isEmpty()) {
					throw new IllegalArgumentException(
							"Every account in " + source + " needs a name and roles (" + account.name() + ")");
				}
				if (!Account.KNOWN_SCOPES.containsAll(account.scopes())) {
					throw new IllegalArgumentException("Account '" + account.name() + "' in " + source
							+ " has a scope other than " + Account.KNOWN_SCOPES);
				}
			}
			return users;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + source, ex);
		}
	}

}
