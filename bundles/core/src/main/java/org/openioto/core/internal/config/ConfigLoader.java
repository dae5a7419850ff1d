package org.openioto.core.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration files as Ioto 3.0 does: {@code ioto.json5} at the root,
 * {@code local.json5} at the root, {@code device.json5} under {@code device},
 * {@code provision.json5} under {@code provision}, and {@code local.json5} again. After each
 * file its {@code conditional} block is applied to the subtree it was loaded into; the 1.x
 * {@code profiles} map is applied too. Environment overrides come last. The merged tree is
 * then checked against {@link KeySchema}.
 */
public final class ConfigLoader {

    /** The environment variables that override device keys, as in Ioto. */
    private static final Map<String, String> ENV_OVERRIDES = Map.of(
            "IOTO_ID", "device.id",
            "IOTO_PRODUCT", "device.product",
            "IOTO_ACCOUNT", "device.account",
            "IOTO_CLOUD", "device.cloud",
            "IOTO_BUILDER", "api.builder");

    private final Path configDir;
    private final Optional<String> profileOverride;
    private final Map<String, String> env;

    /**
     * @param configDir the directory of ioto.json5 and the other files
     * @param profileOverride a profile given on the command line, which wins over everything
     * @param env the process environment ({@code IOTO_PROFILE}, {@code IOTO_ID}, ...)
     */
    public ConfigLoader(Path configDir, Optional<String> profileOverride, Map<String, String> env) {
        this.configDir = configDir;
        this.profileOverride = profileOverride.filter(p -> !p.isBlank());
        this.env = Map.copyOf(env);
    }

    /** The files this loader reads, whether or not they exist. */
    public List<Path> watchedFiles() {
        return List.of(configDir.resolve("ioto.json5"), configDir.resolve("local.json5"),
                configDir.resolve("device.json5"), configDir.resolve("provision.json5"));
    }

    /**
     * Loads, merges and checks the configuration.
     *
     * @throws ConfigException listing every error, each with file:line:column or key path
     * @throws IOException if a file exists but cannot be read
     */
    public LoadedConfig load() throws IOException, ConfigException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        Path main = configDir.resolve("ioto.json5");
        if (!Files.isRegularFile(main)) {
            throw new ConfigException(Problem.error(main.toString(),
                    "ioto.json5 is missing; it is required (give the directory with --config)"));
        }
        String profile = null;
        for (String[] step : new String[][] {{"ioto.json5", ""}, {"local.json5", ""},
                {"device.json5", "device"}, {"provision.json5", "provision"}, {"local.json5", ""}}) {
            Optional<Json5.Document> doc = read(configDir.resolve(step[0]));
            if (doc.isEmpty()) {
                continue;
            }
            files.add(configDir.resolve(step[0]));
            mount(root, origins, doc.get(), step[1]);
            if (profile == null) {
                profile = selectProfile(root);
            }
            applyConditional(root, origins, step[1], profile);
            if (step[1].isEmpty()) {
                applyProfiles(root, profile);
            }
        }
        ENV_OVERRIDES.forEach((var, path) -> {
            String value = env.get(var);
            if (value != null && !value.isBlank()) {
                Tree.put(root, path, value);
                origins.put(path, "environment " + var);
            }
        });
        root.put("profile", profile);
        List<Problem> problems = KeySchema.standard().check(root, origins);
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new LoadedConfig(root, profile, files, origins,
                problems.stream().filter(p -> !p.isError()).toList());
    }

    private static Optional<Json5.Document> read(Path file) throws IOException, ConfigException {
        try {
            return Optional.of(Json5.read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void mount(Map<String, Object> root, Map<String, String> origins, Json5.Document doc,
            String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        if (at.isEmpty()) {
            Blend.into(root, doc.root());
        } else {
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put(at, doc.root());
            Blend.into(root, wrapper);
        }
        doc.origins().forEach((path, where) -> origins.put(prefix + path, where));
    }

    private String selectProfile(Map<String, Object> root) {
        return profileOverride
                .or(() -> Optional.ofNullable(env.get("IOTO_PROFILE")))
                .or(() -> Optional.ofNullable(env.get("PROFILE")))
                .filter(p -> !p.isBlank())
                .or(() -> Optional.ofNullable(root.get("profile")).map(String::valueOf))
                .orElse("dev");
    }

    /** Blends {@code conditional.<key>.<selector>} of the subtree at {@code at}, then drops it. */
    private static void applyConditional(Map<String, Object> root, Map<String, String> origins, String at,
            String profile) {
        Object subtree = at.isEmpty() ? root : Tree.get(root, at);
        if (!(subtree instanceof Map<?, ?> tree) || !(tree.get("conditional") instanceof Map<?, ?> cond)) {
            return;
        }
        Map<String, Object> target = Blend.asMap(subtree);
        target.remove("conditional");
        String prefix = at.isEmpty() ? "" : at + ".";
        for (Map.Entry<?, ?> e : cond.entrySet()) {
            String key = (String) e.getKey();
            Object selector = key.equals("profile") ? profile : root.get(key);
            if (selector == null || !(e.getValue() instanceof Map<?, ?> choices)
                    || !(choices.get(String.valueOf(selector)) instanceof Map<?, ?> block)) {
                continue;
            }
            Blend.into(target, Blend.asMap(block));
            String from = prefix + "conditional." + key + "." + selector + ".";
            new ArrayList<>(origins.entrySet()).stream().filter(o -> o.getKey().startsWith(from))
                    .forEach(o -> origins.put(prefix + stripOps(o.getKey().substring(from.length())), o.getValue()));
        }
    }

    /** The 1.x form: {@code profiles: {dev: {...}}} selected by {@code profile}. */
    private static void applyProfiles(Map<String, Object> root, String profile) {
        if (root.remove("profiles") instanceof Map<?, ?> profiles
                && profiles.get(profile) instanceof Map<?, ?> block) {
            Blend.into(root, Blend.asMap(block));
        }
    }

    private static String stripOps(String path) {
        return path.replaceAll("(^|\\.)[+\\-=?]", "$1");
    }
}
