package org.openioto.distribution.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The runtime directory the build assembled ({@code distribution/target/runtime}, system property
 * {@code openioto.runtime}) and the {@code bin/openioto} processes a test starts from it. Every
 * process is started with the JDK running the test, in a scratch working directory, with the
 * environment variables that would change the configuration removed. {@link #close()} kills
 * whatever is still running, so a failed test leaves no process behind.
 */
final class Distribution implements AutoCloseable {

    /** How long a start may take on a slow, loaded machine; it takes under a second here. */
    static final Duration START = Duration.ofSeconds(30);

    /** How long a stop may take: the launcher gives the framework 9 s. */
    static final Duration STOP = Duration.ofSeconds(10);

    /** The JVM ends a SIGTERM'ed process with 128 + 15 once the shutdown hook has stopped the framework. */
    static final int EXIT_ON_SIGTERM = 143;

    /**
     * Environment variables that the configuration loader, bin/openioto or the JVM read; the JVM
     * ones would also add a "Picked up ..." line to standard error.
     */
    private static final List<String> ENVIRONMENT = List.of("IOTO_PROFILE", "PROFILE", "IOTO_ID", "IOTO_PRODUCT",
            "IOTO_ACCOUNT", "IOTO_CLOUD", "IOTO_BUILDER", "OPENIOTO_JAVA_OPTS", "OPENIOTO_CLIENT_OPTS",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final Path home;
    private final Path workDir;
    private final List<OpenIotoProcess> started;

    Distribution(Path scratch) {
        String runtime = System.getProperty("openioto.runtime");
        if (runtime == null) {
            throw new IllegalStateException("system property openioto.runtime is not set; run through failsafe");
        }
        this.home = Path.of(runtime).toAbsolutePath();
        if (!Files.isExecutable(home.resolve("bin/openioto"))) {
            throw new IllegalStateException(home + "/bin/openioto is missing: run 'mvn verify', not the IT alone");
        }
        this.workDir = scratch;
        this.started = new ArrayList<>();
    }

    private Distribution(Path home, Path workDir, List<OpenIotoProcess> started) {
        this.home = home;
        this.workDir = workDir;
        this.started = started;
    }

    /** The version the log announces, e.g. 0.1.0-SNAPSHOT. */
    static String version() {
        String version = System.getProperty("openioto.version");
        if (version == null) {
            throw new IllegalStateException("system property openioto.version is not set; run through failsafe");
        }
        return version;
    }

    Path home() {
        return home;
    }

    /** Copies the runtime's {@code config/} to {@code dir} for a test to edit, and answers dir. */
    Path copyConfig(Path dir) {
        try (Stream<Path> files = Files.list(home.resolve("config"))) {
            Files.createDirectories(dir);
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the whole runtime directory, modification times and permissions included, to
     * {@code dir} and answers a distribution that starts its processes from the copy, so that a
     * test may change its {@code bundle/} and {@code capability/} without touching the build's.
     * The two share their processes: {@link #close()} of either kills what both started.
     */
    Distribution copyTo(Path dir) {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(home.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Distribution(dir.toAbsolutePath(), workDir, started);
    }

    /** Starts {@code bin/openioto args...}; its output is collected from now on. */
    OpenIotoProcess start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/openioto").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        ENVIRONMENT.forEach(env::remove);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        try {
            OpenIotoProcess p = new OpenIotoProcess(String.join(" ", command), builder.start());
            synchronized (started) {
                started.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that ends by itself ({@code --check}, {@code shell ...}) and waits for its exit. */
    OpenIotoProcess run(Duration limit, String... args) {
        OpenIotoProcess p = start(args);
        p.awaitExit(limit);
        return p;
    }

    /** {@code bin/openioto shell --state STATE COMMAND}, run to its end. */
    OpenIotoProcess shell(Path state, String command) {
        return run(Duration.ofSeconds(20), "shell", "--state", state.toString(), command);
    }

    /**
     * Starts {@code bin/openioto --state STATE args...} and waits until it is ready and its
     * console is open. The console opens a few milliseconds after the ready line (they are
     * separate components), and a shell command sent in between would find no instance.
     */
    OpenIotoProcess startReady(Path state, String... args) {
        List<String> all = new ArrayList<>(List.of("--state", state.toString()));
        all.addAll(List.of(args));
        OpenIotoProcess p = start(all.toArray(String[]::new));
        p.awaitLine(LogLines.ready()::equals, START);
        Path console = state.resolve("runtime/console.json5");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> Files.exists(console));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(console + " did not appear; " + p.describe(), e);
        }
        return p;
    }

    /** Kills every process this test started that is still alive and waits until it is gone. */
    @Override
    public void close() {
        List<OpenIotoProcess> all;
        synchronized (started) {
            all = List.copyOf(started);
            started.clear();
        }
        all.forEach(OpenIotoProcess::kill);
    }
}
