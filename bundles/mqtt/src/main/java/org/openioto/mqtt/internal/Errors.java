package org.openioto.mqtt.internal;

/** Short descriptions of connection failures for logs and status, innermost cause first. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root == t) {
            return top;
        }
        String inner = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return top.equals(inner) ? top : top + " (" + inner + ")";
    }
}
