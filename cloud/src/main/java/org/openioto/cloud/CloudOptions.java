package org.openioto.cloud;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cloud's command-line options.
 *
 * @param data directory for the database and, later, CA keys ({@code --data}, default
 *     {@code cloud-data} in the working directory)
 * @param bind address the HTTP and MQTT listeners bind to ({@code --bind}, default loopback:
 *     the manager API has no TLS, so exposing it is a deliberate choice)
 * @param httpPort HTTP port ({@code --http-port}, default 9080, the port of the Builder URL in
 *     config/ioto.json5); 0 picks a free one
 * @param mqttPort plain MQTT port ({@code --mqtt-port}), 0 = no plain listener (default)
 * @param mqttsPort MQTT over TLS port ({@code --mqtts-port}, default 8883); 0 = a free port
 * @param adminPassword password for the admin user created on first start; empty = random
 * @param db JDBC URL ({@code --db}), empty = an H2 file in {@code data}
 */
public record CloudOptions(Path data, String bind, int httpPort, int mqttPort, int mqttsPort,
                           Optional<String> adminPassword, Optional<String> db) {

    static final String USAGE = String.join("\n",
            "Usage: openioto-cloud [options]",
            "  --data DIR            data directory (default: cloud-data)",
            "  --bind ADDR           listen address (default: 127.0.0.1)",
            "  --http-port N         builder, device and manager API port (default: 9080)",
            "  --mqtt-port N         plain MQTT port, 0 = off (default: 0)",
            "  --mqtts-port N        MQTT over TLS port, 0 = any free one (default: 8883)",
            "  --admin-password PW   password of the admin user made at first start (default: random, printed)",
            "  --db JDBC-URL         jdbc:h2:... or jdbc:postgresql:... (default: H2 file in the data directory)");

    /** Thrown for a command line that cannot be used; the message says what is wrong. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The defaults, as with an empty command line. */
    public static CloudOptions defaults() {
        return new CloudOptions(Path.of("cloud-data"), "127.0.0.1", 9080, 0, 8883,
                Optional.empty(), Optional.empty());
    }

    /** Parses {@code args}; every option takes one value. */
    public static CloudOptions parse(List<String> args) throws UsageException {
        CloudOptions o = defaults();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(known(name) ? "Option " + name + " needs a value" : "Unknown option " + name);
            }
            String value = args.get(++i);
            o = with(o, name, value);
        }
        return o;
    }

    private static boolean known(String name) {
        return List.of("--data", "--bind", "--http-port", "--mqtt-port", "--mqtts-port",
                "--admin-password", "--db").contains(name);
    }

    private static CloudOptions with(CloudOptions o, String name, String value) throws UsageException {
        switch (name) {
            case "--data":
                return new CloudOptions(Path.of(nonBlank(name, value)), o.bind, o.httpPort, o.mqttPort,
                        o.mqttsPort, o.adminPassword, o.db);
            case "--bind":
                return new CloudOptions(o.data, nonBlank(name, value), o.httpPort, o.mqttPort, o.mqttsPort,
                        o.adminPassword, o.db);
            case "--http-port":
                return new CloudOptions(o.data, o.bind, port(name, value), o.mqttPort, o.mqttsPort,
                        o.adminPassword, o.db);
            case "--mqtt-port":
                return new CloudOptions(o.data, o.bind, o.httpPort, port(name, value), o.mqttsPort,
                        o.adminPassword, o.db);
            case "--mqtts-port":
                return new CloudOptions(o.data, o.bind, o.httpPort, o.mqttPort, port(name, value),
                        o.adminPassword, o.db);
            case "--admin-password":
                return new CloudOptions(o.data, o.bind, o.httpPort, o.mqttPort, o.mqttsPort,
                        Optional.of(nonBlank(name, value)), o.db);
            case "--db":
                if (!value.startsWith("jdbc:h2:") && !value.startsWith("jdbc:postgresql:")) {
                    throw new UsageException("--db must be a jdbc:h2: or jdbc:postgresql: URL, not " + value);
                }
                return new CloudOptions(o.data, o.bind, o.httpPort, o.mqttPort, o.mqttsPort,
                        o.adminPassword, Optional.of(value));
            default:
                throw new UsageException("Unknown option " + name);
        }
    }

    private static String nonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("Option " + name + " needs a non-empty value");
        }
        return value;
    }

    private static int port(String name, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a port number from 0 to 65535, not '" + value + "'");
    }

    /** The JDBC URL to use: {@code --db}, or an H2 file {@code cloud} in the data directory. */
    public String jdbcUrl() {
        return db.orElseGet(() -> "jdbc:h2:file:" + data.toAbsolutePath().resolve("cloud"));
    }
}
