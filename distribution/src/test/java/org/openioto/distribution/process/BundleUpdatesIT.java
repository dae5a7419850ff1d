package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles follow the content of their jars, not the jars' modification time: reproducible builds
 * give every jar the same time, and a rebuilt jar often the same size too. The services map
 * follows {@code capability/} while the instance runs and across a restart; the launcher
 * follows {@code bundle/} at each start. Each test runs a copy of the runtime directory.
 */
class BundleUpdatesIT {

    /** The watcher looks once a second; each look through the shell starts a JVM of its own. */
    private static final Duration FOLLOWED = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(200);

    /** The time a reproducible build gives every entry of every jar. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private static final String DEMO = "org.openioto.demo";

    @TempDir
    Path scratch;

    private Distribution dist;
    private Path state;
    private Path capability;
    private Path bundle;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch).copyTo(scratch.resolve("runtime"));
        state = scratch.resolve("state");
        capability = dist.home().resolve("capability");
        bundle = dist.home().resolve("bundle");
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void capabilityJarIsInstalledUpdatedByContentAndUninstalledWhileRunning() throws IOException {
        OpenIotoProcess gateway = dist.startReady(state);
        assertThat(demoRow()).isEqualTo("demo yes ioto.json5 " + DEMO + " missing");
        Path jar = capability.resolve(DEMO + ".jar");

        put(jar, bundleJar(DEMO, "0.0.1"));
        awaitDemoRow(DEMO + " 0.0.1 active", gateway);

        FileTime time = Files.getLastModifiedTime(jar);
        long size = Files.size(jar);
        int mark = gateway.stdout().size();
        replaceKeepingTime(jar, bundleJar(DEMO, "0.0.2"));
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(time);
        assertThat(Files.size(jar)).as("only the content tells the new jar from the old").isEqualTo(size);
        awaitDemoRow(DEMO + " 0.0.2 active", gateway);
        gateway.awaitLine(("setup: info: Updated " + DEMO + " to 0.0.2")::equals, FOLLOWED, mark);

        Files.delete(jar);
        awaitDemoRow(DEMO + " missing", gateway);
        assertThat(gateway.isAlive()).isTrue();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void capabilityJarReplacedWhileStoppedIsUpdatedAtStart() throws IOException {
        OpenIotoProcess first = dist.startReady(state);
        Path jar = capability.resolve(DEMO + ".jar");
        put(jar, bundleJar(DEMO, "0.0.1"));
        awaitDemoRow(DEMO + " 0.0.1 active", first);
        assertThat(first.terminate(Distribution.STOP)).as(first.describe()).isEqualTo(Distribution.EXIT_ON_SIGTERM);

        replaceKeepingTime(jar, bundleJar(DEMO, "0.0.3"));

        OpenIotoProcess second = dist.startReady(state);
        awaitDemoRow(DEMO + " 0.0.3 active", second);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bundleJarReplacedWithTheSameTimeIsUpdatedAndRemovedOneUninstalledAtStart() throws IOException {
        Path jar = bundle.resolve("test.extra.jar");
        put(jar, bundleJar("test.extra", "1.0.0"));
        OpenIotoProcess first = dist.startReady(state);
        awaitExtra("Active test.extra (1.0.0)", first);
        assertThat(first.terminate(Distribution.STOP)).as(first.describe()).isEqualTo(Distribution.EXIT_ON_SIGTERM);

        FileTime time = Files.getLastModifiedTime(jar);
        long size = Files.size(jar);
        replaceKeepingTime(jar, bundleJar("test.extra", "1.0.1"));
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(time);
        assertThat(Files.size(jar)).as("only the content tells the new jar from the old").isEqualTo(size);

        OpenIotoProcess second = dist.startReady(state);
        awaitExtra("Active test.extra (1.0.1)", second);
        assertThat(second.terminate(Distribution.STOP)).as(second.describe()).isEqualTo(Distribution.EXIT_ON_SIGTERM);

        Files.delete(jar);

        OpenIotoProcess third = dist.startReady(state);
        // the launcher uninstalls before the framework starts, so it is gone by the time the console opens
        assertThat(extraInLb()).isEmpty();
        assertThat(third.isAlive()).isTrue();
    }

    /**
     * A bundle jar with nothing but its manifest, made as a reproducible build makes jars: a fixed
     * entry time, and stored, so that versions of the same length give jars of the same size.
     */
    private static byte[] bundleJar(String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        manifest.write(text);
        byte[] bytes = text.toByteArray();

        JarEntry entry = new JarEntry(JarFile.MANIFEST_NAME);
        entry.setTimeLocal(ENTRY_TIME);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            out.putNextEntry(entry);
            out.write(bytes);
            out.closeEntry();
        }
        return jar.toByteArray();
    }

    /**
     * Puts {@code content} in place of {@code jar}: written beside it under a name the directory's
     * {@code *.jar} does not match, then moved in one step, so that no one sees a half-written jar.
     */
    private static void put(Path jar, byte[] content) throws IOException {
        Files.move(part(jar, content), jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Replaces {@code jar} with {@code content} carrying the old jar's modification time, as a
     * reproducible build does. The time is set before the move: the new content never shows
     * under another time, which would tell the watcher cheaply that something changed.
     */
    private static void replaceKeepingTime(Path jar, byte[] content) throws IOException {
        Path part = part(jar, content);
        Files.setLastModifiedTime(part, Files.getLastModifiedTime(jar));
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path part(Path jar, byte[] content) throws IOException {
        return Files.write(jar.resolveSibling(jar.getFileName() + ".part"), content);
    }

    /** The demo row of {@code ioto:services}, its columns joined by one space. */
    private String demoRow() {
        OpenIotoProcess services = dist.shell(state, "ioto:services");
        assertThat(services.exitCode()).as(services.describe()).isZero();
        String row = services.stdout().stream().filter(l -> l.startsWith("demo ")).findFirst()
                .orElseThrow(() -> new AssertionError("no demo row; " + services.describe()));
        return String.join(" ", row.trim().split("\\s+"));
    }

    /** Waits until the demo row shows {@code bundleAndState} after service, wanted and why. */
    private void awaitDemoRow(String bundleAndState, OpenIotoProcess gateway) {
        String expected = "demo yes ioto.json5 " + bundleAndState;
        awaitShell(this::demoRow, expected::equals, expected, gateway);
    }

    /** The state and name of test.extra as {@code lb} lists it, e.g. {@code Active test.extra (1.0.0)}. */
    private Optional<String> extraInLb() {
        OpenIotoProcess lb = dist.shell(state, "lb");
        assertThat(lb.exitCode()).as(lb.describe()).isZero();
        // "   14|Active     |    1|test.extra (1.0.0)|1.0.0": a bundle without Bundle-Name is listed by its symbolic name
        List<String[]> rows = lb.stdout().stream().map(l -> l.split("\\|")).filter(c -> c.length == 5).toList();
        assertThat(rows).as(lb.describe()).anyMatch(c -> c[3].startsWith("System Bundle ("));
        return rows.stream().filter(c -> c[3].startsWith("test.extra ("))
                .map(c -> c[1].trim() + " " + c[3].trim()).findFirst();
    }

    /** Waits until {@code lb} lists test.extra as {@code expected}; the launcher starts it after the console opens. */
    private void awaitExtra(String expected, OpenIotoProcess gateway) {
        awaitShell(this::extraInLb, Optional.of(expected)::equals, expected, gateway);
    }

    private <T> void awaitShell(Supplier<T> look, Predicate<T> done, String what,
            OpenIotoProcess gateway) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            await().atMost(FOLLOWED).pollInterval(POLL).pollDelay(Duration.ZERO).until(() -> {
                last.set(look.get());
                return done.test(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not " + what + " within " + FOLLOWED.toMillis() + " ms, last seen " + last.get()
                    + "; " + gateway.describe(), e);
        }
    }
}
