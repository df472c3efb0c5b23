package org.stepwise.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of the simulator's command-line tools: {@code --name value},
 * {@code --name=value} and flags.
 */
public final class CommandLine {

	private CommandLine() {
	}

	/**
	 * @param flags options that take no value (present: "true")
	 * @param usage appended to the message of a malformed command line
	 */
	public static Map<String, String> options(String[] args, Set<String> flags, String usage) {
		Map<String, String> options = new HashMap<>();
		List<String> rest = new ArrayList<>(List.of(args));
		while (!rest.isEmpty()) {
			String arg = rest.removeFirst();
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + arg + "\n" + usage);
			}
			String name = arg.substring(2);
			int eq = name.indexOf('=');
			if (eq > 0) {
				options.put(name.substring(0, eq), name.substring(eq + 1));
			}
			else if (name.equals("help") || flags.contains(name)) {
				options.put(name, "true");
			}
			else if (rest.isEmpty()) {
				throw new IllegalArgumentException("Option " + arg + " needs a value\n" + usage);
			}
			else {
				options.put(name, rest.removeFirst());
			}
		}
		return options;
	}

}
