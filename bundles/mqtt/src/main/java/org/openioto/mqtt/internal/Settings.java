package org.openioto.mqtt.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openioto.config.Cron;
import org.openioto.config.Durations;
import org.openioto.config.Sizes;

/**
 * The checked configuration of the connection ({@code org.openioto.mqtt}). The endpoint is a
 * host (TLS on {@code port}), {@code mqtts://host:port} or {@code mqtt://host:port} (plain, for
 * development brokers), or empty / {@code 'auto'} until provisioning gives one. 3.0 names win over the 1.x ones ({@code certificate} over {@code cert},
 * {@code authority} over {@code ca}); {@code 'auto'} means "from provisioning".
 */
record Settings(String host, int port, boolean tls, Optional<String> client, Optional<Path> certificate,
        Optional<Path> key, Optional<Path> authority, List<String> alpn, Duration keepAlive, Duration backoffFirst,
        Duration backoffMax, Duration stable, int window, int maxMessage, int maxTopic, int queueCount, long queueBytes,
        Duration flush, Path stateDir, ConnectTimes.Rules connect) {

    static final String PID = "org.openioto.mqtt";

    /**
     * Checks {@code c}.
     *
     * @throws IllegalArgumentException naming the PID, the property and what is wrong
     */
    static Settings from(PahoMqttConnection.Config c) {
        String endpoint = c.endpoint().trim();
        String host = "";
        int port = c.port();
        boolean tls = true;
        if (endpoint.isEmpty() || endpoint.equalsIgnoreCase("auto")) {
            host = "";
        } else if (endpoint.contains("://")) {
            URI uri = URI.create(endpoint);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("mqtt") && !scheme.equals("mqtts") && !scheme.equals("ssl") && !scheme.equals("tcp")) {
                throw new IllegalArgumentException(PID + ": endpoint '" + endpoint + "' must be mqtt://, mqtts:// or a host");
            }
            tls = scheme.equals("mqtts") || scheme.equals("ssl");
            host = uri.getHost();
            port = uri.getPort() > 0 ? uri.getPort() : (tls ? 8883 : 1883);
        } else {
            host = endpoint;
        }
        if (host == null || (!endpoint.isEmpty() && !endpoint.equalsIgnoreCase("auto") && host.isBlank())
                || port < 1 || port > 65535) {
            throw new IllegalArgumentException(PID + ": endpoint '" + endpoint + "' port " + port + " is not usable");
        }
        return new Settings(host, port, tls, auto(c.client()).map(String::trim),
                auto(first(c.certificate(), c.cert())).map(Path::of), auto(c.key()).map(Path::of),
                auto(first(c.authority(), c.ca())).map(Path::of),
                c.alpn().isBlank() ? List.of() : List.of(c.alpn().trim().split("\\s*,\\s*")),
                duration("keepalive", c.keepalive()), duration("backoff", c.backoff()),
                duration("backoffMax", c.backoffMax()), duration("stable", c.stable()),
                positive("window", c.window()), (int) Math.min(Integer.MAX_VALUE, size("maxMessage", c.maxMessage())),
                positive("maxTopic", c.maxTopic()), positive("queueCount", c.queueCount()), size("queueSize", c.queueSize()),
                duration("flush", c.flush()), Path.of(c.directories_state()),
                new ConnectTimes.Rules(schedule(c.schedule()), duration("delay", c.delay()), duration("jitter", c.jitter()),
                        duration("timeout", c.timeout())));
    }

    /** False while the endpoint is 'auto' and provisioning has not filled it in. */
    boolean hasEndpoint() {
        return !host.isEmpty();
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}, as Paho names them. */
    String serverUri() {
        return (tls ? "ssl://" : "tcp://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code host:port}, as logged. */
    String endpoint() {
        return host + ":" + port;
    }

    private static Optional<String> auto(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto") ? Optional.empty()
                : Optional.of(value.trim());
    }

    private static String first(String preferred, String old) {
        return preferred == null || preferred.isBlank() ? old : preferred;
    }

    private static Duration duration(String name, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static Cron schedule(String value) {
        try {
            return Cron.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage(), e);
        }
    }

    private static long size(String name, String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PID + ": " + name + " must be at least 1, not " + value);
        }
        return value;
    }
}
