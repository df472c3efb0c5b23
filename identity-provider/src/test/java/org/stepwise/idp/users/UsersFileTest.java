package org.stepwise.idp.users;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@TempDir
	Path dir;

	@Test
	void accountsAndClientsWithHashedPasswordsAreRead() throws Exception {
		String hash = this.encoder.encode("correct horse battery staple");
		Path file = write("users.yml", """
				accounts:
				  - name: dr-jones
				    password: "%s"
				    roles: [clinician]
				    programs: [iop-north]
				    clinician-id: c-17
				clients:
				  - name: ehr-feed
				    password: "%s"
				    roles: [ingest]
				    programs: [iop-north, iop-south]
				""".formatted(hash, hash));

		UsersFile users = UsersFile.read(file);

		assertThat(users.accounts()).singleElement().satisfies((account) -> {
			assertThat(account.name()).isEqualTo("dr-jones");
			assertThat(account.clinicianId()).isEqualTo("c-17");
			assertThat(account.programs()).containsExactly("iop-north");
			assertThat(this.encoder.matches("correct horse battery staple", account.password())).isTrue();
		});
		assertThat(users.clients()).singleElement()
			.satisfies((client) -> assertThat(client.roles()).containsExactly("ingest"));
	}

	@Test
	void jsonIsReadToo() throws Exception {
		String hash = this.encoder.encode("s3cret-enough");
		Path file = write("users.json", """
				{"accounts": [{"name": "admin-x", "password": "%s", "roles": ["program-admin"], "programs": ["p"]}]}
				""".formatted(hash));

		assertThat(UsersFile.read(file).accounts()).extracting((account) -> account.name()).containsExactly("admin-x");
	}

	@Test
	void aPlainTextPasswordIsRefusedNamingTheAccountNotThePassword() throws Exception {
		Path file = write("users.yml", """
				accounts:
				  - name: dr-jones
				    password: hunter2-plain
				    roles: [clinician]
				""");

		assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'dr-jones'")
			.hasMessageContaining("{bcrypt}")
			.hasMessageNotContaining("hunter2-plain");
	}

	@Test
	void noopAndBrokenHashesAreRefusedToo() throws Exception {
		Path noop = write("noop.yml", """
				clients:
				  - name: ehr-feed
				    password: "{noop}hunter2"
				    roles: [ingest]
				""");
		Path truncated = write("truncated.yml", """
				clients:
				  - name: ehr-feed
				    password: "{bcrypt}$2a$10$abc"
				    roles: [ingest]
				""");

		assertThatThrownBy(() -> UsersFile.read(noop)).hasMessageContaining("'ehr-feed'")
			.hasMessageNotContaining("hunter2");
		assertThatThrownBy(() -> UsersFile.read(truncated)).hasMessageContaining("malformed bcrypt");
	}

	@Test
	void aNameUsedTwiceOrAMissingFileIsRefused() throws Exception {
		String hash = this.encoder.encode("whatever-it-is");
		Path twice = write("twice.yml", """
				accounts:
				  - {name: a, password: "%s", roles: [clinician]}
				clients:
				  - {name: a, password: "%s", roles: [ingest]}
				""".formatted(hash, hash));

		assertThatThrownBy(() -> UsersFile.read(twice)).hasMessageContaining("'a' is defined twice");
		assertThatThrownBy(() -> UsersFile.read(this.dir.resolve("absent.yml"))).hasMessageContaining("does not exist");
	}

	@Test
	void aScopeOtherThanPart2IsRefusedNamingTheAccount() throws Exception {
		String hash = this.encoder.encode("secret");
		Path unknown = write("scopes.yml", """
				clients:
				  - {name: ehr, password: "%s", roles: [program-admin], scopes: [stepwise.part2, everything]}
				""".formatted(hash));

		assertThatThrownBy(() -> UsersFile.read(unknown)).hasMessageContaining("'ehr'")
			.hasMessageContaining("scope other than [stepwise.part2]");
	}

	@Test
	void theDemoAccountsAreHashedWhenLoaded() {
		UsersFile demo = UsersFile.demo(this.encoder);

		assertThat(demo.accounts()).extracting((account) -> account.name())
			.contains("clinician-a1", "admin-a", "patient-42");
		assertThat(demo.clients()).extracting((client) -> client.name()).containsExactly("stepwise-ingest", "ehr-a");
		assertThat(demo.all()).allSatisfy((account) -> assertThat(account.password()).startsWith("{bcrypt}"));
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.dir.resolve(name), content);
	}

}
