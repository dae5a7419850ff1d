package org.openioto.cloud.sync;

/** A device message that cannot be handled as sent; it is logged and dropped. */
final class BadMessage extends Exception {

    BadMessage(String message) {
        super(message);
    }
}
