package org.openioto.core.internal.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged configuration tree with the profile it was merged for, the files it came from,
 * where each key was written and what is questionable about it (warnings only: a
 * configuration with errors is never loaded).
 */
public record LoadedConfig(Map<String, Object> root, String profile, List<Path> files,
        Map<String, String> origins, List<Problem> warnings) {

    public LoadedConfig {
        // not Map.copyOf: it refuses null values, which JSON5 allows, and scrambles the key order
        root = Collections.unmodifiableMap(new LinkedHashMap<>(root));
        files = List.copyOf(files);
        origins = Map.copyOf(origins);
        warnings = List.copyOf(warnings);
    }

    /** The value at a dotted path such as {@code mqtt.port}. */
    public Optional<Object> get(String path) {
        return Optional.ofNullable(Tree.get(root, path));
    }

    /** The value at a dotted path as a string, if it is a scalar. */
    public Optional<String> getString(String path) {
        return get(path).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf);
    }

    /** {@code cloud} or {@code local}: the configured mode, else cloud when a cloud service is on. */
    public String mode() {
        return getString("mode").orElseGet(() -> {
            boolean cloud = Services.isOn(get("services.provision").orElse(null))
                    || Services.isOn(get("services.mqtt").orElse(null))
                    || Services.isOn(get("services.sync").orElse(null));
            return cloud ? "cloud" : "local";
        });
    }

    /** The firmware version ({@code version}), 1.0.0 when absent as in Ioto. */
    public String version() {
        return getString("version").orElse("1.0.0");
    }
}
