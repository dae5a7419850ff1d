package org.openioto.launcher;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code bin/openioto}: runs the gateway, checks its configuration, or talks to a running
 * instance's console. Exit codes: 0 done, 1 configuration errors (--check), 2 cannot start,
 * 3 no running instance, 64 wrong arguments.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("openioto.home", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, home);
        } catch (IllegalArgumentException e) {
            System.err.println("openioto: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(64);
            return;
        }
        int code = switch (options.action()) {
            case "help" -> {
                System.out.print(Options.USAGE);
                yield 0;
            }
            case "check" -> check(home, options);
            case "shell" -> new ShellClient(options.state()).run(options.rest(), System.in, System.out, System.err);
            default -> new Runtime(home, options).run();
        };
        System.exit(code);
    }

    /** Runs core's configuration check in a class loader of its own, without a framework. */
    private static int check(Path home, Options options) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {
                jar(home, "org.openioto.core-"), jar(home, "org.openioto.api-"), jar(home, "jackson-core-")},
                Main.class.getClassLoader())) {
            Method run = loader.loadClass("org.openioto.core.internal.config.Check").getMethod("run",
                    Path.class, Path.class, Optional.class, PrintStream.class, PrintStream.class);
            return (int) run.invoke(null, options.config(), options.state(), options.profile(), System.out, System.err);
        } catch (java.lang.reflect.InvocationTargetException e) {
            System.err.println("openioto: the check failed: " + e.getCause());
            return 2;
        } catch (ReflectiveOperationException | java.io.IOException e) {
            System.err.println("openioto: the runtime is incomplete: " + e);
            return 2;
        }
    }

    private static URL jar(Path home, String prefix) throws java.io.IOException {
        try (var files = Files.list(home.resolve("bundle"))) {
            Path jar = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new java.io.FileNotFoundException(home.resolve("bundle") + "/" + prefix + "*.jar"));
            return jar.toUri().toURL();
        }
    }
}
