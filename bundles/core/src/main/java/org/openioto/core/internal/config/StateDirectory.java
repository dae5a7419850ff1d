package org.openioto.core.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure the state directory exists and can be written. */
public final class StateDirectory {

    private StateDirectory() {
    }

    /**
     * Creates {@code dir} if needed and proves it writable by writing and removing a file.
     *
     * @throws ConfigException naming the directory and the reason
     */
    public static void ensureWritable(Path dir) throws ConfigException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(Problem.error(dir.toAbsolutePath().toString(),
                    "the state directory is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
    }
}
