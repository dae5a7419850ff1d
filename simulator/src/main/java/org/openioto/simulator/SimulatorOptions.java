package org.openioto.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openioto.cloud.db.Seed;

/**
 * The simulator's command-line options.
 *
 * @param devices how many devices to simulate ({@code --devices}, default 1000)
 * @param durationSeconds how long to measure after the warm-up ({@code --duration}, default 60)
 * @param warmupSeconds how long devices sync before measuring starts ({@code --warmup}, default 10)
 * @param rate Store changes per device per second ({@code --rate}, default 1)
 * @param cloud the base URL of a running cloud ({@code --cloud}); empty = start one
 * @param cloudJar start the cloud as a child process from this jar ({@code --cloud-jar}); empty
 *     with no {@code cloud} = start one in this JVM
 * @param authority the cloud CA certificate file, needed with {@code --cloud}
 *     ({@code --ca}, the cloud's {@code DATA/ca/ca.crt})
 * @param adminPassword the cloud's admin password, needed with {@code --cloud}; made up for a
 *     cloud the simulator starts
 * @param productToken the product token devices register with (default the cloud's seeded one)
 * @param p99TargetMillis the ack latency p99 a run must stay under to pass (default 100)
 * @param setupTimeoutSeconds how long provisioning and connecting every device may take (default 600)
 * @param concurrency how many devices provision and connect at a time (default 8)
 */
public record SimulatorOptions(int devices, int durationSeconds, int warmupSeconds, double rate,
                               Optional<URI> cloud, Optional<Path> cloudJar, Optional<Path> authority,
                               Optional<String> adminPassword, String productToken, double p99TargetMillis,
                               int setupTimeoutSeconds, int concurrency) {

    static final String USAGE = String.join("\n",
            "Usage: openioto-simulator [options]",
            "  --devices N           simulated devices (default: 1000)",
            "  --duration SECONDS    measured period after the warm-up (default: 60)",
            "  --warmup SECONDS      syncing before measuring starts (default: 10)",
            "  --rate R              Store changes per device per second (default: 1)",
            "  --cloud URL           a running cloud on loopback, e.g. http://127.0.0.1:9080",
            "                        (needs --ca and --admin-password); default: start one",
            "  --ca FILE             the CA certificate of the cloud given by --cloud (DATA/ca/ca.crt)",
            "  --cloud-jar JAR       start the cloud as a separate process from this jar;",
            "                        without it and without --cloud the cloud runs in this JVM",
            "  --admin-password PW   the cloud's admin password (--cloud only)",
            "  --product-token T     product token to register with (default: the cloud's default product)",
            "  --p99-target-ms MS    pass only if the ack latency p99 is below this (default: 100)",
            "  --setup-timeout S     time allowed to provision and connect every device (default: 600)",
            "  --concurrency N       devices provisioned and connected at a time (default: 8)");

    /** Thrown for a command line that cannot be used; the message says what is wrong, empty for --help. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The defaults, as with an empty command line. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(1000, 60, 10, 1.0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Seed.DEFAULT_PRODUCT_TOKEN, 100.0, 600, 8);
    }

    /** Parses {@code args}; every option takes one value. */
    public static SimulatorOptions parse(List<String> args) throws UsageException {
        int devices = 1000;
        int duration = 60;
        int warmup = 10;
        double rate = 1.0;
        Optional<URI> cloud = Optional.empty();
        Optional<Path> jar = Optional.empty();
        Optional<Path> ca = Optional.empty();
        Optional<String> password = Optional.empty();
        String product = Seed.DEFAULT_PRODUCT_TOKEN;
        double target = 100.0;
        int setup = 600;
        int concurrency = 8;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (!KNOWN.contains(name)) {
                throw new UsageException("Unknown option " + name);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("Option " + name + " needs a value");
            }
            String value = args.get(++i);
            switch (name) {
                case "--devices" -> devices = whole(name, value, 1, 100_000);
                case "--duration" -> duration = whole(name, value, 1, 86_400);
                case "--warmup" -> warmup = whole(name, value, 0, 3_600);
                case "--rate" -> rate = decimal(name, value, 0.01, 100);
                case "--cloud" -> cloud = Optional.of(loopbackUrl(value));
                case "--cloud-jar" -> jar = Optional.of(Path.of(nonBlank(name, value)));
                case "--ca" -> ca = Optional.of(Path.of(nonBlank(name, value)));
                case "--admin-password" -> password = Optional.of(nonBlank(name, value));
                case "--product-token" -> product = nonBlank(name, value);
                case "--p99-target-ms" -> target = decimal(name, value, 0.001, 600_000);
                case "--setup-timeout" -> setup = whole(name, value, 1, 86_400);
                case "--concurrency" -> concurrency = whole(name, value, 1, 256);
                default -> throw new UsageException("Unknown option " + name);
            }
        }
        if (cloud.isPresent()) {
            if (jar.isPresent()) {
                throw new UsageException("--cloud and --cloud-jar exclude each other: use a running cloud or start one");
            }
            if (ca.isEmpty() || password.isEmpty()) {
                throw new UsageException("--cloud needs --ca (the cloud's DATA/ca/ca.crt) and --admin-password");
            }
        } else if (ca.isPresent() || password.isPresent()) {
            throw new UsageException("--ca and --admin-password are for --cloud only: a cloud the simulator starts has its own");
        }
        return new SimulatorOptions(devices, duration, warmup, rate, cloud, jar, ca, password, product, target,
                setup, concurrency);
    }

    private static final List<String> KNOWN = List.of("--devices", "--duration", "--warmup", "--rate", "--cloud",
            "--cloud-jar", "--ca", "--admin-password", "--product-token", "--p99-target-ms", "--setup-timeout",
            "--concurrency");

    private static int whole(String name, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static double decimal(String name, String value, double min, double max) throws UsageException {
        try {
            double d = Double.parseDouble(value.trim());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static String nonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("Option " + name + " needs a non-empty value");
        }
        return value;
    }

    /** Traffic stays on this machine: only http URLs of 127.0.0.1 or localhost are taken. */
    private static URI loopbackUrl(String value) throws UsageException {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (Exception e) {
            throw new UsageException("--cloud is not a URL: '" + value + "'");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new UsageException("--cloud must be http://HOST:PORT, not '" + value + "'");
        }
        if (!Loopback.isLoopback(uri.getHost())) {
            throw new UsageException("--cloud must be on 127.0.0.1 or localhost, not " + uri.getHost());
        }
        return uri;
    }

    /** The time in seconds from the first Store change to the last one. */
    long totalSeconds() {
        return (long) warmupSeconds + durationSeconds;
    }
}
