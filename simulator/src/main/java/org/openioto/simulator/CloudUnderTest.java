package org.openioto.simulator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** The cloud the simulated devices talk to: one it started, or one already running. */
interface CloudUnderTest extends AutoCloseable {

    /** The base URL, e.g. {@code http://127.0.0.1:9080}. */
    URI base();

    /** The cloud CA's certificate, which devices trust the broker by. */
    X509Certificate authority();

    /** The password of the cloud's {@code admin} user, which claims the devices. */
    String adminPassword();

    /** Where the cloud runs, in a few words for the report. */
    String description();

    /** The resident memory of the cloud's process in kB, if known. */
    OptionalLong rssKb();

    /** Stops a cloud the simulator started and deletes its data; leaves a running one alone. */
    @Override
    void close();

    /** VmRSS in kB from a {@code /proc/<pid>/status} file; empty where there is none (not Linux). */
    static OptionalLong rssKb(Path status) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Deletes a directory the simulator made, best effort. */
    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
