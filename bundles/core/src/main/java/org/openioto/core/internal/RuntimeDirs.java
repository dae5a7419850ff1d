package org.openioto.core.internal;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/**
 * Where this runtime keeps its files, from the framework properties the launcher sets
 * ({@code openioto.config}, {@code openioto.state}, {@code openioto.profile},
 * {@code openioto.capabilities}). In Karaf they default to {@code etc/openioto} and
 * {@code data/openioto}; elsewhere to {@code config} and {@code state} in the working directory.
 */
public record RuntimeDirs(Path config, Path state, Optional<String> profile, Optional<Path> capabilities) {

    public static RuntimeDirs from(BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        String data = context.getProperty("karaf.data");
        Path config = Path.of(property(context, "openioto.config", etc == null ? "config" : etc + "/openioto"));
        Path state = Path.of(property(context, "openioto.state", data == null ? "state" : data + "/openioto"));
        return new RuntimeDirs(config.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(),
                Optional.ofNullable(context.getProperty("openioto.profile")).filter(p -> !p.isBlank()),
                Optional.ofNullable(context.getProperty("openioto.capabilities")).map(Path::of));
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
