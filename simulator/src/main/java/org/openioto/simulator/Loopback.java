package org.openioto.simulator;

/** The only hosts the simulator talks to: its own machine's loopback. */
final class Loopback {

    private Loopback() {
    }

    /** True for {@code 127.0.0.1}, {@code localhost} and {@code ::1} (bracketed or not). */
    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost")
                || host.equals("::1") || host.equals("[::1]");
    }
}
