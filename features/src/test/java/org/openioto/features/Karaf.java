package org.openioto.features;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache Karaf started from an unpacked distribution, with an instance directory of its
 * own ({@code etc/}, {@code data/}) that is made afresh each time. SSH and JMX listen on free
 * loopback ports, the user karaf (password karaf) is enabled, and {@code mvn:} URLs resolve
 * offline, in this order: from a Maven-layout repository of the build's artifacts, Karaf's
 * {@code system/} folder, and releases (never snapshots) in the local Maven repository, which
 * is only read. No remote repository is used.
 */
final class Karaf implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Path instance;
    private final Process process;
    private final KarafShell shell;
    private final Thread reaper;

    private Karaf(Path instance, Process process, int sshPort) {
        this.instance = instance;
        this.process = process;
        this.shell = new KarafShell(sshPort, instance.resolve("etc/host.key.pub"));
        // should the test JVM end without close(), Karaf must not outlive it
        this.reaper = new Thread(process::destroyForcibly, "karaf-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts Karaf from {@code home} with its instance in {@code instance} (deleted first) and
     * waits until its shell answers and it reached its final start level.
     *
     * @param build a Maven-layout repository with this build's artifacts, snapshots included
     * @param local the local Maven repository, for the releases Karaf's features need that its
     *     {@code system/} folder lacks (scr, for one)
     */
    static Karaf start(Path home, Path instance, Path build, Path local) throws IOException {
        deleteTree(instance);
        copyTree(home.resolve("etc"), instance.resolve("etc"));
        Files.createDirectories(instance.resolve("data"));
        Files.createDirectories(instance.resolve("deploy"));
        int ssh = freePort();
        Path etc = instance.resolve("etc");
        edit(etc.resolve("org.apache.karaf.shell.cfg"), Map.of("sshHost", "127.0.0.1", "sshPort", "" + ssh));
        edit(etc.resolve("org.apache.karaf.management.cfg"), Map.of("rmiRegistryHost", "127.0.0.1",
                "rmiRegistryPort", "" + freePort(), "rmiServerHost", "127.0.0.1", "rmiServerPort", "" + freePort()));
        uncomment(etc.resolve("users.properties"), "karaf = karaf,_g_:admingroup", "_g_\\:admingroup = ");
        Files.writeString(instance.resolve("settings.xml"), "<settings/>\n");
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.settings = " + instance.resolve("settings.xml").toUri(),
                "org.ops4j.pax.url.mvn.localRepository = " + instance.resolve("m2"),
                "org.ops4j.pax.url.mvn.defaultRepositories = " + build.toUri() + "@id=openioto.build@snapshots, \\",
                "    ${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, \\",
                "    ${karaf.data.uri}kar@id=kar.repository@multi@snapshots, \\",
                "    ${karaf.base.uri}${karaf.default.repository}@id=child.system.repository@snapshots, \\",
                "    " + local.toUri() + "@id=local.releases",
                "org.ops4j.pax.url.mvn.repositories =",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.offline = true", ""));

        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/karaf").toString(), "server")
                .directory(instance.toFile())
                .redirectErrorStream(true)
                .redirectOutput(instance.resolve("console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KARAF_HOME", home.toString());
        env.put("KARAF_BASE", instance.toString());
        env.put("KARAF_DATA", instance.resolve("data").toString());
        env.put("KARAF_ETC", etc.toString());
        env.put("KARAF_OPTS", "-Dkaraf.instances=" + instance.resolve("instances"));
        env.put("KARAF_EXEC", "exec"); // the script becomes the JVM, so the process we hold is Karaf
        env.put("CHECK_ROOT_INSTANCE_RUNNING", "false");
        Karaf karaf = new Karaf(instance, builder.start(), ssh);
        try {
            await("Karaf's shell on 127.0.0.1:" + ssh + " (see " + karaf.log() + ")")
                    .atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("Karaf exited; see " + instance.resolve("console.log"), () -> !karaf.process.isAlive())
                    .until(() -> karaf.shell.run("system:start-level", Duration.ofSeconds(10)).output(),
                            out -> out.contains("Level 100"));
        } catch (RuntimeException | Error e) {
            karaf.close();
            throw e;
        }
        return karaf;
    }

    KarafShell shell() {
        return shell;
    }

    /** The instance directory: {@code etc/}, {@code data/} and files the test puts there. */
    Path instance() {
        return instance;
    }

    Path etc() {
        return instance.resolve("etc");
    }

    /** Karaf's own log, for failure messages. */
    Path log() {
        return instance.resolve("data/log/karaf.log");
    }

    /** Shuts Karaf down from its shell; kills it if it has not gone within a bound. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                shell.run("system:shutdown -f", Duration.ofSeconds(10));
            }
        } catch (IOException | RuntimeException e) {
            // the session may drop as Karaf goes down; what counts is that the process ends
        }
        shell.close();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Sets {@code key = value} for each key, which must already be in the file. */
    private static void edit(Path file, Map<String, String> values) throws IOException {
        String text = Files.readString(file, UTF_8);
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(e.getKey()) + "\\s*=.*$").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(file + " has no " + e.getKey() + " to set");
            }
            text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + " = " + e.getValue()));
        }
        Files.writeString(file, text, UTF_8);
    }

    /** Removes the leading {@code #} of the lines that start with each prefix. */
    private static void uncomment(Path file, String... prefixes) throws IOException {
        String text = Files.readString(file, UTF_8);
        for (String prefix : prefixes) {
            Matcher m = Pattern.compile("(?m)^#(" + Pattern.quote(prefix) + ".*)$").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(file + " has no commented line '" + prefix + "'");
            }
            text = m.replaceFirst(Matcher.quoteReplacement(m.group(1)));
        }
        Files.writeString(file, text, UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) {
                Files.delete(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
