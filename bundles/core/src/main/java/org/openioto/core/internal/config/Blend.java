package org.openioto.core.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ioto's deep blend of one configuration tree into another. Objects merge key by key; strings,
 * numbers and arrays are overwritten. A key prefix changes that for its value:
 * {@code +key} appends (strings joined with a space, arrays concatenated),
 * {@code -key} and {@code =key} replace the whole value without merging,
 * {@code ?key} sets the value only if the key is absent.
 */
public final class Blend {

    private Blend() {
    }

    /** Blends {@code source} into {@code target}, which is changed in place. */
    public static void into(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> e : source.entrySet()) {
            String key = e.getKey();
            char op = key.isEmpty() ? 0 : key.charAt(0);
            if (op == '+' || op == '-' || op == '=' || op == '?') {
                key = key.substring(1);
            } else {
                op = 0;
            }
            Object value = copy(e.getValue());
            Object existing = target.get(key);
            switch (op) {
                case '?':
                    target.putIfAbsent(key, value);
                    break;
                case '-':
                case '=':
                    target.put(key, value);
                    break;
                case '+':
                    target.put(key, append(existing, value));
                    break;
                default:
                    if (existing instanceof Map && value instanceof Map) {
                        into(asMap(existing), asMap(value));
                    } else {
                        target.put(key, value);
                    }
            }
        }
    }

    private static Object append(Object existing, Object value) {
        if (existing instanceof String s && value instanceof String v) {
            return s.isEmpty() ? v : s + " " + v;
        }
        if (existing instanceof List<?> l && value instanceof List<?> v) {
            List<Object> joined = new ArrayList<>(l);
            joined.addAll(v);
            return joined;
        }
        if (existing instanceof Map && value instanceof Map) {
            into(asMap(existing), asMap(value));
            return existing;
        }
        return value;
    }

    /** A deep copy of a tree value, so that blended trees never share mutable parts. */
    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put((String) k, copy(v)));
            return c;
        }
        if (value instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
