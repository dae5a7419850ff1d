package org.openioto.core.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openioto.config.Cron;
import org.openioto.config.Durations;
import org.openioto.config.Sizes;
import org.openioto.core.internal.identity.ClaimIds;

/**
 * The known configuration keys and the type of each value, read from {@code keys.json5}.
 * Checking a tree gives an error for every value of the wrong type and a warning for every
 * unknown key, each placed at file:line:column when the key's origin is known.
 */
public final class KeySchema {

    private static final KeySchema STANDARD = load();

    private final Map<String, Object> keys;

    private KeySchema(Map<String, Object> keys) {
        this.keys = keys;
    }

    /** The schema of ioto.json5 and the files blended into it. */
    public static KeySchema standard() {
        return STANDARD;
    }

    /** Every problem in {@code root}; {@code origins} maps dotted paths to file:line:column. */
    public List<Problem> check(Map<String, Object> root, Map<String, String> origins) {
        List<Problem> problems = new ArrayList<>();
        checkObject(keys, root, "", origins, problems);
        return problems;
    }

    private static void checkObject(Map<String, Object> schema, Map<String, Object> node, String prefix,
            Map<String, String> origins, List<Problem> problems) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            String where = origins.getOrDefault(path, path);
            Object type = schema.getOrDefault(e.getKey(), schema.get("*"));
            if (type == null) {
                problems.add(Problem.warning(where, "unknown key '" + path + "' (ignored)"));
            } else if (type instanceof Map<?, ?> sub) {
                if (e.getValue() instanceof Map<?, ?> value) {
                    checkObject(Blend.asMap(sub), Blend.asMap(value), path + ".", origins, problems);
                } else if (e.getValue() != null) {
                    problems.add(Problem.error(where, path + ": expected an object { ... }, found " + show(e.getValue())));
                }
            } else {
                String wrong = mismatch((String) type, e.getValue());
                if (wrong != null) {
                    problems.add(Problem.error(where, path + ": expected " + wrong + ", found " + show(e.getValue())));
                }
            }
        }
    }

    /** What was expected, or null if the value fits the type. Null values always fit. */
    private static String mismatch(String type, Object value) {
        if (value == null || type.equals("any")) {
            return null;
        }
        String text = Tree.isContainer(value) ? null : String.valueOf(value).trim();
        switch (type) {
            case "object":
                return value instanceof Map ? null : "an object { ... }";
            case "array":
                return value instanceof List ? null : "an array [ ... ]";
            case "string":
                return text != null ? null : "a string";
            case "claimid":
                return text != null && ClaimIds.isValid(text) ? null : "1 to 20 letters, digits, '-' or '_'";
            case "url":
                return text != null && (text.isEmpty() || text.matches("(?i)(https?|mqtts?)://\\S+")) ? null
                        : "a URL such as 'https://host/api'";
            case "boolean":
                return value instanceof Boolean || "true".equals(text) || "false".equals(text) ? null
                        : "true or false";
            case "integer":
                return text != null && text.matches("[-+]?[0-9]+") ? null : "a whole number";
            case "number":
                return value instanceof Number || (text != null && text.matches("[-+]?[0-9]*\\.?[0-9]+")) ? null
                        : "a number";
            case "port":
                return text != null && text.matches("[0-9]{1,5}") && Integer.parseInt(text) <= 65535 ? null
                        : "a port number 0-65535";
            case "duration":
                return text != null && Durations.isValid(text) ? null : "a duration such as '30 secs', '1 min' or 'never'";
            case "size":
                return text != null && Sizes.isValid(text) ? null : "a size such as '10k', '1mb' or 'unlimited'";
            case "cron":
                return text != null && Cron.isValid(text) ? null
                        : "a schedule such as '* 9-17 * * 1-5' (minute hour day month weekday), 'anytime' or 'never'";
            default:
                if (type.startsWith("enum:")) {
                    List<String> allowed = List.of(type.substring(5).split(","));
                    return text != null && allowed.contains(text.toLowerCase(Locale.ROOT)) ? null
                            : "one of " + String.join(", ", allowed);
                }
                throw new IllegalStateException("keys.json5 names an unknown type: " + type);
        }
    }

    private static String show(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static KeySchema load() {
        try (InputStream in = KeySchema.class.getResourceAsStream("keys.json5")) {
            return new KeySchema(Json5.read(in, "keys.json5").root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("keys.json5 is broken: " + e.getMessage(), e);
        }
    }
}
