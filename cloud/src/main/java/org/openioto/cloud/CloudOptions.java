package org.openioto.cloud;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cloud's command-line options.
 *
 * @param data directory for the database, the CA and update images ({@code --data}, default
 *     {@code cloud-data} in the working directory)
 * @param bind address the HTTP and MQTT listeners bind to ({@code --bind}, default loopback:
 *     the manager API has no TLS, so exposing it is a deliberate choice)
 * @param httpPort HTTP port ({@code --http-port}, default 9080, the port of the Builder URL in
 *     config/ioto.json5); 0 picks a free one
 * @param mqttPort plain MQTT port ({@code --mqtt-port}), 0 = no plain listener (default)
 * @param mqttsPort MQTT over TLS port ({@code --mqtts-port}, default 8883); 0 = a free port
 * @param adminPassword password for the admin user created on first start; empty = random
 * @param db JDBC URL ({@code --db}), empty = an H2 file in {@code data}
 * @param certificateLifetime how long the device certificates it issues are valid
 *     ({@code --cert-days}, default 365 days)
 * @param deviceRate messages a second a device may publish on average before it is sent
 *     throttle notices ({@code --device-rate}, default 100 as AWS IoT allows a connection; 0 = no limit)
 */
public record CloudOptions(Path data, String bind, int httpPort, int mqttPort, int mqttsPort,
                           Optional<String> adminPassword, Optional<String> db, Duration certificateLifetime,
                           int deviceRate) {

    static final int MAX_CERT_DAYS = 3650;

    static final String USAGE = String.join("\n",
            "Usage: openioto-cloud [options]",
            "  --data DIR            data directory (default: cloud-data)",
            "  --bind ADDR           listen address (default: 127.0.0.1)",
            "  --http-port N         builder, device and manager API port (default: 9080)",
            "  --mqtt-port N         plain MQTT port, 0 = off (default: 0)",
            "  --mqtts-port N        MQTT over TLS port, 0 = any free one (default: 8883)",
            "  --admin-password PW   password of the admin user made at first start (default: random, printed)",
            "  --db JDBC-URL         jdbc:h2:... or jdbc:postgresql:... (default: H2 file in the data directory)",
            "  --cert-days N         lifetime of the device certificates issued, 1-" + MAX_CERT_DAYS
                    + " days (default: 365)",
            "  --device-rate N       messages a second a device may publish before it is throttled, 0 = no limit"
                    + " (default: 100)");

    private static final List<String> NAMES = List.of("--data", "--bind", "--http-port", "--mqtt-port",
            "--mqtts-port", "--admin-password", "--db", "--cert-days", "--device-rate");

    /** Thrown for a command line that cannot be used; the message says what is wrong. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Options with the default device certificate lifetime and rate. */
    public CloudOptions(Path data, String bind, int httpPort, int mqttPort, int mqttsPort,
                        Optional<String> adminPassword, Optional<String> db) {
        this(data, bind, httpPort, mqttPort, mqttsPort, adminPassword, db, Duration.ofDays(365), 100);
    }

    /** These options with device certificates valid for {@code lifetime}. */
    public CloudOptions withCertificateLifetime(Duration lifetime) {
        return new CloudOptions(data, bind, httpPort, mqttPort, mqttsPort, adminPassword, db, lifetime, deviceRate);
    }

    /** These options with devices throttled above {@code perSecond} messages a second (0 = never). */
    public CloudOptions withDeviceRate(int perSecond) {
        return new CloudOptions(data, bind, httpPort, mqttPort, mqttsPort, adminPassword, db, certificateLifetime,
                perSecond);
    }

    /** The defaults, as with an empty command line. */
    public static CloudOptions defaults() {
        return new CloudOptions(Path.of("cloud-data"), "127.0.0.1", 9080, 0, 8883,
                Optional.empty(), Optional.empty());
    }

    /** Parses {@code args}; every option takes one value, and a later one wins. */
    public static CloudOptions parse(List<String> args) throws UsageException {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (!NAMES.contains(name)) {
                throw new UsageException("Unknown option " + name);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("Option " + name + " needs a value");
            }
            given.put(name, nonBlank(name, args.get(++i)));
        }
        CloudOptions d = defaults();
        String db = given.get("--db");
        if (db != null && !db.startsWith("jdbc:h2:") && !db.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--db must be a jdbc:h2: or jdbc:postgresql: URL, not " + db);
        }
        return new CloudOptions(
                given.containsKey("--data") ? Path.of(given.get("--data")) : d.data,
                given.getOrDefault("--bind", d.bind),
                number(given, "--http-port", d.httpPort, 0, 65535),
                number(given, "--mqtt-port", d.mqttPort, 0, 65535),
                number(given, "--mqtts-port", d.mqttsPort, 0, 65535),
                Optional.ofNullable(given.get("--admin-password")),
                Optional.ofNullable(db),
                Duration.ofDays(number(given, "--cert-days", (int) d.certificateLifetime.toDays(), 1, MAX_CERT_DAYS)),
                number(given, "--device-rate", d.deviceRate, 0, 1_000_000));
    }

    private static String nonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("Option " + name + " needs a non-empty value");
        }
        return value;
    }

    private static int number(Map<String, String> given, String name, int otherwise, int min, int max)
        throws UsageException {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String what = name.endsWith("-port") ? "a port number" : "a number";
        throw new UsageException(name + " must be " + what + " from " + min + " to " + max + ", not '" + value + "'");
    }

    /** The JDBC URL to use: {@code --db}, or an H2 file {@code cloud} in the data directory. */
    public String jdbcUrl() {
        return db.orElseGet(() -> "jdbc:h2:file:" + data.toAbsolutePath().resolve("cloud"));
    }
}
