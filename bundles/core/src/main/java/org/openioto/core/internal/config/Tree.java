package org.openioto.core.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dotted-path access to configuration trees. */
final class Tree {

    private Tree() {
    }

    static Object get(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = node.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                node.put(parts[i], next);
            }
            node = Blend.asMap(next);
        }
        node.put(parts[parts.length - 1], value);
    }

    /** True if the value is a map or a list, i.e. not a scalar. */
    static boolean isContainer(Object value) {
        return value instanceof Map || value instanceof List;
    }
}
