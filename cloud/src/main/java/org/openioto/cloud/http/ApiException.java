package org.openioto.cloud.http;

/**
 * A request that cannot be served, answered with {@code status} and {@code {"error": message}}.
 * Messages are shown to clients: they name what is wrong, never a token or a stack trace.
 */
final class ApiException extends Exception {

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
