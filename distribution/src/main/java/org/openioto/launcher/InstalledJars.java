package org.openioto.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The SHA-256 of each jar as it was installed, kept beside the framework cache. Jars built
 * reproducibly all carry the same modification time, so only their content tells whether a
 * bundle must be updated.
 */
final class InstalledJars {

    private final Path file;
    private final Properties digests = new Properties();

    InstalledJars(Path file) throws IOException {
        this.file = file;
        try (InputStream in = Files.newInputStream(file)) {
            digests.load(in);
        } catch (NoSuchFileException e) {
            // first start
        }
    }

    /** True if {@code jar} differs from what was installed from {@code location}. */
    boolean changed(String location, Path jar) throws IOException {
        return !digest(jar).equals(digests.getProperty(location));
    }

    void installed(String location, Path jar) throws IOException {
        digests.setProperty(location, digest(jar));
    }

    void removed(String location) {
        digests.remove(location);
    }

    void save() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            digests.store(out, "SHA-256 of the installed bundle jars");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String digest(Path jar) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
