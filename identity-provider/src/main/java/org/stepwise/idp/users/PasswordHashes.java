package org.stepwise.idp.users;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a password in the users file must look like: a hash in Spring Security's
 * {@code DelegatingPasswordEncoder} form, {@code {bcrypt}$2a$10$...} (or argon2, pbkdf2,
 * scrypt). Plain text, {@code {noop}} and unknown schemes are refused, naming the
 * account, never showing the password.
 */
public final class PasswordHashes {

	private static final Pattern ENCODED = Pattern.compile("^\\{([^}]*)\\}(.*)$", Pattern.DOTALL);

	private static final Set<String> HASHING = Set.of("bcrypt", "argon2", "argon2@SpringSecurity_v5_8", "pbkdf2",
			"pbkdf2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8");

	/** A bcrypt hash: version, cost, 22 characters of salt and 31 of hash. */
	private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

	private PasswordHashes() {
	}

	/**
	 * @throws IllegalArgumentException unless {@code stored} is a hash in a scheme that
	 * hashes
	 */
	public static void requireHash(String account, String source, String stored) {
		Matcher encoded = ENCODED.matcher((stored != null) ? stored : "");
		if (!encoded.matches() || !HASHING.contains(encoded.group(1))) {
			throw new IllegalArgumentException("Account '" + account + "' in " + source
					+ " has no password hash: store '{bcrypt}...' as printed by HashPassword "
					+ "(java -jar identity-provider-*-exec.jar hash-password), never the password itself");
		}
		if ("bcrypt".equals(encoded.group(1)) && !BCRYPT.matcher(encoded.group(2)).matches()) {
			throw new IllegalArgumentException(
					"Account '" + account + "' in " + source + " has a malformed bcrypt hash (copied whole?)");
		}
	}

}
