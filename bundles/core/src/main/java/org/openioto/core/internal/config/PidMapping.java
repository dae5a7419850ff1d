package org.openioto.core.internal.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openioto.config.Capability;

/**
 * Turns the merged tree into one flat ConfigAdmin configuration per PID. A capability's own
 * section appears without prefix ({@code mqtt.port} becomes {@code port} in
 * {@code org.openioto.mqtt}); the other sections it needs keep their dotted path. Every PID
 * also gets {@code profile}, {@code version} and the absolute {@code directories.config} and
 * {@code directories.state}.
 */
public final class PidMapping {

    /** The PID of core's own configuration: the services map and the runtime's identity. */
    public static final String CORE = Capability.PREFIX + "core";

    /** Sections each PID takes: the first is its own (unprefixed), the rest keep their path. */
    private static final Map<String, List<String>> SECTIONS = Map.ofEntries(
            Map.entry("mqtt", List.of("mqtt")),
            Map.entry("register", List.of("", "device", "api", "timeouts")),
            Map.entry("provision", List.of("provision", "device", "api", "timeouts", "limits")),
            Map.entry("store", List.of("database")),
            Map.entry("sync", List.of("database")),
            Map.entry("update", List.of("update", "scripts", "timeouts")),
            Map.entry("demo", List.of("demo")),
            Map.entry("keys", List.of("", "timeouts")),
            Map.entry("logs", List.of("", "files", "log")),
            Map.entry("shadow", List.of("cloud")),
            Map.entry("url", List.of("tls", "timeouts")),
            Map.entry("web", List.of("web")));

    private PidMapping() {
    }

    /** Every PID with its properties. */
    public static Map<String, Map<String, Object>> map(LoadedConfig config, Path configDir, Path stateDir) {
        Map<String, Map<String, Object>> pids = new LinkedHashMap<>();
        Map<String, Object> root = config.root();
        pids.put(CORE, core(config));
        pids.put(Capability.SERIALIZE.pid(), identity(config));
        SECTIONS.forEach((name, sections) -> {
            Map<String, Object> props = new LinkedHashMap<>();
            for (int i = 0; i < sections.size(); i++) {
                String section = sections.get(i);
                if (section.isEmpty()) {
                    continue;
                }
                flatten(Tree.get(root, section), i == 0 ? "" : section + ".", props);
            }
            pids.put(Capability.PREFIX + name, props);
        });
        pids.values().forEach(props -> {
            props.put("profile", config.profile());
            props.put("version", config.version());
            props.put("directories.config", configDir.toAbsolutePath().normalize().toString());
            props.put("directories.state", stateDir.toAbsolutePath().normalize().toString());
        });
        return pids;
    }

    private static Map<String, Object> core(LoadedConfig config) {
        Map<String, Object> props = new LinkedHashMap<>();
        flatten(config.get("services").orElse(null), "services.", props);
        config.getString("app").ifPresent(v -> props.put("app", v));
        props.put("mode", config.mode());
        config.getString("mqtt.endpoint").ifPresent(v -> props.put("mqtt.endpoint", v));
        config.getString("demo.enable").ifPresent(v -> props.put("demo.enable", v));
        return props;
    }

    private static Map<String, Object> identity(LoadedConfig config) {
        Map<String, Object> props = new LinkedHashMap<>();
        config.getString("device.id").or(() -> config.getString("device.claim")).ifPresent(v -> props.put("id", v));
        config.getString("device.product").or(() -> config.getString("device.productToken"))
                .ifPresent(v -> props.put("product", v));
        config.getString("services.serialize").ifPresent(v -> props.put("serialize", v));
        config.getString("api.serialize").ifPresent(v -> props.put("serializeUrl", v));
        return props;
    }

    /** Flattens maps into dotted keys; lists become String arrays (objects as JSON). */
    static void flatten(Object node, String prefix, Map<String, Object> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(v, prefix + k + ".", out));
        } else if (node instanceof List<?> l) {
            out.put(trim(prefix), l.stream().map(v -> v instanceof String s ? s : ConfigText.json(v)).toArray(String[]::new));
        } else if (node != null && !prefix.isEmpty()) {
            out.put(trim(prefix), node);
        }
    }

    private static String trim(String prefix) {
        return prefix.substring(0, prefix.length() - 1);
    }
}
