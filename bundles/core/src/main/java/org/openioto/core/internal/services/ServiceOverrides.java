package org.openioto.core.internal.services;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openioto.core.internal.AtomicFile;
import org.openioto.core.internal.config.ConfigException;
import org.openioto.core.internal.config.ConfigText;
import org.openioto.core.internal.config.Json5;

/**
 * The services turned on or off with ioto:enable / ioto:disable, kept in the state directory
 * ({@code services.json5}) so they survive a restart. Each override remembers the value the
 * file had when it was made; once the file says something else, the file is the source of
 * truth again and the override is dropped.
 */
final class ServiceOverrides {

    /** One override: the state asked for, and the file's value ("absent" if none) at the time. */
    record Override(boolean enabled, String fileValue) {
    }

    private final Path file;
    private final Map<String, Override> overrides = new LinkedHashMap<>();

    ServiceOverrides(Path stateDir) {
        this.file = stateDir.resolve("services.json5");
    }

    /** Reads the stored overrides; a broken file is reported and treated as empty. */
    void load() throws IOException {
        overrides.clear();
        try {
            Json5.read(file).root().forEach((name, v) -> {
                if (v instanceof Map<?, ?> m && m.get("enabled") instanceof Boolean on) {
                    overrides.put(name, new Override(on, String.valueOf(m.get("file"))));
                }
            });
        } catch (NoSuchFileException e) {
            // nothing overridden yet
        } catch (ConfigException e) {
            throw new IOException(file + " is broken and was ignored: " + e.getMessage(), e);
        }
    }

    /** The overrides still in force against the file's current values; stale ones are dropped. */
    Map<String, Boolean> inForce(Map<String, Object> fileServices) throws IOException {
        boolean dropped = overrides.entrySet().removeIf(e -> !e.getValue().fileValue()
                .equals(fileValue(fileServices, e.getKey())));
        if (dropped) {
            save();
        }
        Map<String, Boolean> result = new LinkedHashMap<>();
        overrides.forEach((name, o) -> result.put(name, o.enabled()));
        return result;
    }

    /** The overrides in force, like {@link #inForce}, but without dropping stale ones. */
    Map<String, Boolean> peek(Map<String, Object> fileServices) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        overrides.forEach((name, o) -> {
            if (o.fileValue().equals(fileValue(fileServices, name))) {
                result.put(name, o.enabled());
            }
        });
        return result;
    }

    void put(String name, boolean enabled, Map<String, Object> fileServices) throws IOException {
        overrides.put(name, new Override(enabled, fileValue(fileServices, name)));
        save();
    }

    private static String fileValue(Map<String, Object> fileServices, String name) {
        return fileServices == null ? "absent" : Objects.toString(fileServices.get(name), "absent");
    }

    private void save() throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        overrides.forEach((name, o) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("enabled", o.enabled());
            entry.put("file", o.fileValue());
            tree.put(name, entry);
        });
        AtomicFile.writePrivate(file, "// Made by ioto:enable and ioto:disable; an edit of services in ioto.json5 wins.\n"
                + ConfigText.masked(tree) + "\n");
    }
}
