package org.openioto.mqtt.internal;

/** Short descriptions of connection failures for logs and status, innermost cause first. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable t) {
        java.util.Optional<org.openioto.mqtt.internal.tls.TlsException> tls =
                org.openioto.mqtt.internal.tls.TlsException.in(t);
        if (tls.isPresent()) {
            return tls.get().getMessage();
        }
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
