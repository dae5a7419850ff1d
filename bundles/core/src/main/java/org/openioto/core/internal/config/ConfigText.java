package org.openioto.core.internal.config;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes configuration trees as indented JSON5 for people to read, with secrets masked: values
 * of keys named like a token, password or secret, and any PEM private key or certificate.
 */
public final class ConfigText {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(token|password|passwd|secret|credentials).*");
    private static final String MASK = "'********'";

    private ConfigText() {
    }

    /** The tree as JSON5 with secrets masked. */
    public static String masked(Object node) {
        StringBuilder out = new StringBuilder();
        write(node, "", true, out);
        return out.toString();
    }

    /** The tree as compact JSON, nothing masked: for values stored in ConfigAdmin. */
    public static String json(Object node) {
        StringBuilder out = new StringBuilder();
        write(node, null, false, out);
        return out.toString();
    }

    private static void write(Object node, String indent, boolean mask, StringBuilder out) {
        if (node instanceof Map<?, ?> m) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                String key = String.valueOf(e.getKey());
                newline(indent, 1, out);
                out.append(indent == null ? quote(key) : bareKey(key)).append(indent == null ? ":" : ": ");
                if (mask && isSecret(key, e.getValue())) {
                    out.append(MASK);
                } else {
                    write(e.getValue(), indent == null ? null : indent + "    ", mask, out);
                }
                if (it.hasNext() || indent != null) {
                    out.append(',');
                }
            }
            if (!m.isEmpty()) {
                newline(indent, 0, out);
            }
            out.append('}');
        } else if (node instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                newline(indent, 1, out);
                write(l.get(i), indent == null ? null : indent + "    ", mask, out);
                if (i < l.size() - 1 || indent != null) {
                    out.append(',');
                }
            }
            if (!l.isEmpty()) {
                newline(indent, 0, out);
            }
            out.append(']');
        } else if (node instanceof String s) {
            out.append(indent == null ? quote(s) : quoteSingle(s));
        } else {
            out.append(node);
        }
    }

    static boolean isSecret(String key, Object value) {
        return (SECRET_KEY.matcher(key).matches() && !Tree.isContainer(value))
                || (value instanceof String s && s.contains("-----BEGIN"));
    }

    /** Masks a single scalar if its key or content make it a secret. */
    public static Object maskValue(String key, Object value) {
        return isSecret(key, value) ? "********" : value;
    }

    private static void newline(String indent, int deeper, StringBuilder out) {
        if (indent != null) {
            out.append('\n').append(indent).append(deeper == 1 ? "    " : "");
        }
    }

    private static String bareKey(String key) {
        return key.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? key : quoteSingle(key);
    }

    private static String quoteSingle(String s) {
        return "'" + escape(s).replace("'", "\\'") + "'";
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\\"") + "\"";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
