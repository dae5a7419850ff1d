package org.openioto.cloud.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;

/** The CA's two files, {@code ca.key} and {@code ca.crt}, in one directory. */
final class CaFiles {

    static final String KEY = "ca.key";
    static final String CERTIFICATE = "ca.crt";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path directory;

    CaFiles(Path directory) {
        this.directory = directory;
    }

    Path key() {
        return directory.resolve(KEY);
    }

    Path certificate() {
        return directory.resolve(CERTIFICATE);
    }

    PrivateKey readKey() throws IOException {
        try {
            return Pem.readPrivateKey(Files.readString(key(), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException("CA key file " + key() + " is corrupt: " + e.getMessage(), e);
        }
    }

    X509Certificate readCertificate() throws IOException {
        try {
            return Pem.readCertificate(Files.readString(certificate(), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException("CA certificate file " + certificate() + " is corrupt: " + e.getMessage(), e);
        }
    }

    void writeKey(PrivateKey key) throws IOException {
        write(key(), Pem.privateKey(key), OWNER_ONLY);
    }

    void writeCertificate(X509Certificate certificate) throws IOException {
        write(certificate(), Pem.certificate(certificate), WORLD_READABLE);
    }

    /**
     * Writes through a temporary file and a rename, so a crash leaves either the old file or the
     * new one, never half of one. The temporary file is born with its final permissions, so the
     * key is never readable by others, not even for a moment.
     */
    private void write(Path target, String text, Set<PosixFilePermission> permissions) throws IOException {
        Files.createDirectories(directory);
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
            : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
