package org.openioto.distribution.process;

import java.util.regex.Pattern;

/** The log lines of {@code bin/openioto} that the tests wait for, as Ioto prints them. */
final class LogLines {

    /** A claim ID as Ioto's cryptID(10) makes it: ten symbols of Crockford's base 32. */
    static final String CLAIM_ID = "[0-9A-HJKMNP-TV-Z]{10}";

    /** {@code app: info: Device Claim ID: ...}; group 1 is the ID. */
    static final Pattern CLAIM = Pattern.compile("app: info: Device Claim ID: (" + CLAIM_ID + ")");

    private LogLines() {
    }

    /** The first line of a start with the shipped configuration. */
    static String starting() {
        return "app: info: Starting OpenIoto " + Distribution.version() + " in \"cloud\" mode using \"dev\" profile";
    }

    static String ready() {
        return "app: info: OpenIoto " + Distribution.version() + " ready";
    }
}
