package org.openioto.core.internal.identity;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openioto.core.internal.AtomicFile;
import org.openioto.core.internal.config.ConfigException;
import org.openioto.core.internal.config.ConfigText;
import org.openioto.core.internal.config.Json5;

/**
 * The claim ID kept in the state directory ({@code identity.json5}) so that a generated or
 * factory-assigned ID survives restarts. (Ioto 3.0 loses it until the device is provisioned.)
 */
public final class IdentityFile {

    private final Path file;

    public IdentityFile(Path stateDir) {
        this.file = stateDir.resolve("identity.json5");
    }

    public Path path() {
        return file;
    }

    /**
     * The stored ID, if there is one.
     *
     * @throws IOException if the file exists but cannot be read or holds no valid ID; the
     *     file is then left as it is for a person to look at
     */
    public Optional<String> read() throws IOException {
        try {
            Object id = Json5.read(file).root().get("id");
            return Optional.of(ClaimIds.validate(id == null ? null : String.valueOf(id), file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Stores {@code id}, noting where it came from. */
    public void write(String id, String source) throws IOException {
        AtomicFile.writePrivate(file, "// The claim ID of this device. Deleting this file gives the device a new one.\n"
                + ConfigText.masked(entries("id", id, "source", source, "created", Instant.now().toString()))
                + "\n");
    }

    private static Map<String, Object> entries(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
