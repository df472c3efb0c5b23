package org.stepwise.idp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Prints the hash of a password for the users file ({@code {bcrypt}$2a$10$...}), read
 * from the first line of standard input so it appears in no command line or shell
 * history:
 *
 * <pre>
 * java -jar identity-provider/target/identity-provider-*-exec.jar hash-password
 * </pre>
 *
 * (type the password, then Enter), or {@code printf '%s\n' "$PASSWORD" | java -jar ...
 * hash-password}.
 */
public final class HashPassword {

	private HashPassword() {
	}

	public static void main(String[] args) throws IOException {
		if (System.console() != null) {
			char[] typed = System.console().readPassword("Password: ");
			if (typed == null) {
				fail();
			}
			print(new String(typed));
			return;
		}
		String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		if (line == null) {
			fail();
		}
		print(line);
	}

	/** The password's hash in the form the users file takes. */
	static String hash(String password) {
		if (password.isEmpty()) {
			throw new IllegalArgumentException("An empty password cannot be hashed");
		}
		return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
	}

	private static void print(String password) {
		try {
			System.out.println(hash(password));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	private static void fail() {
		System.err.println("No password given (one line on standard input)");
		System.exit(2);
	}

}
