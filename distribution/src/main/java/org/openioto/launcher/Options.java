package org.openioto.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of {@code bin/openioto}. */
record Options(String action, Path config, Path state, Optional<String> profile, List<String> rest) {

    static final String USAGE = """
            usage: openioto [run] [--config DIR] [--state DIR] [--profile NAME]
                   openioto --check [--config DIR] [--state DIR] [--profile NAME]
                   openioto shell [--state DIR] ['COMMAND']
              run      start the gateway in the foreground (the default)
              --check  check the configuration, print it merged (secrets masked), exit 0 if usable
              shell    run one Gogo command in the running instance, or read commands from stdin
            """;

    /**
     * Parses the arguments; relative directories are resolved against the working directory.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static Options parse(String[] args, Path home) {
        String action = "run";
        Path config = home.resolve("config");
        Path state = home.resolve("state");
        Optional<String> profile = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "run", "shell" -> {
                    if (i != 0) {
                        throw new IllegalArgumentException("'" + a + "' must be the first argument");
                    }
                    action = a;
                }
                case "--check" -> action = "check";
                case "--help", "-h" -> action = "help";
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--state" -> state = Path.of(value(args, ++i, a));
                case "--profile" -> profile = Optional.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || !action.equals("shell")) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
                    rest.add(a);
                }
            }
        }
        return new Options(action, config.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(),
                profile, rest);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
