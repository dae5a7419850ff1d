package org.openioto.core.internal.config;

/**
 * One thing wrong with the configuration: where (file:line:column, or the key path when no
 * position is known) and what.
 */
public record Problem(Severity severity, String where, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String where, String message) {
        return new Problem(Severity.ERROR, where, message);
    }

    public static Problem warning(String where, String message) {
        return new Problem(Severity.WARNING, where, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
