package org.openioto.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Mosquitto broker for tests, started on free 127.0.0.1 ports with a configuration file
 * of its own. Listeners are added before {@link #start()}; {@link #stop()} and {@link #kill()}
 * end it and {@link #start()} starts it again on the same ports (with persistence on, its
 * sessions and queued messages survive that).
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final List<String> listeners = new ArrayList<>();
    private final int plainPort;
    private boolean persistence;
    private Process process;

    /** A broker with one plain listener that allows anonymous clients. */
    public Mosquitto(Path dir) throws IOException {
        this(dir, freePort());
    }

    /**
     * A broker with one plain listener on {@code port}, for a test that must name the port before
     * it can make the broker (the Pax Exam tests write it into ioto.json5 outside the framework).
     */
    public Mosquitto(Path dir, int port) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.plainPort = port;
        listeners.add("listener " + plainPort + " 127.0.0.1\nallow_anonymous true\n");
    }

    /** Keeps sessions and queued messages across restarts, in the broker's directory. */
    public Mosquitto persistent() {
        persistence = true;
        return this;
    }

    /**
     * Adds a TLS listener; answers its port. With {@code requireCertificate} clients must present
     * a certificate issued by {@code ca}; their certificate's CN becomes their user name.
     */
    public int addTlsListener(Path ca, Path cert, Path key, boolean requireCertificate) throws IOException {
        int port = freePort();
        for (Path p : List.of(ca, cert, key)) {
            Path copy = dir.resolve(port + "-" + p.getFileName());
            Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        listeners.add("listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "cafile " + dir.resolve(port + "-" + ca.getFileName()) + "\n"
                + "certfile " + dir.resolve(port + "-" + cert.getFileName()) + "\n"
                + "keyfile " + dir.resolve(port + "-" + key.getFileName()) + "\n"
                + (requireCertificate ? "require_certificate true\nuse_identity_as_username true\n" : ""));
        return port;
    }

    public int port() {
        return plainPort;
    }

    /** {@code tcp://127.0.0.1:port} of the plain listener. */
    public String uri() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    /** Starts the broker and waits until every listener accepts connections. */
    public Mosquitto start() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        // started as root, mosquitto would switch to its own user, which cannot enter the test's
        // private temporary directories to write its persistence file
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        Files.writeString(conf, user + "per_listener_settings true\n"
                + "log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
                + "max_queued_messages 100000\nmax_inflight_messages 0\n"
                + (persistence ? "persistence true\npersistence_location " + dir + "/\nautosave_interval 1\n" : "persistence false\n")
                + String.join("", listeners));
        process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Awaitility.await("mosquitto listening on " + plainPort + " (log: " + dir.resolve("mosquitto.log") + ")")
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                    }
                    return accepts(plainPort);
                });
        return this;
    }

    /** Stops the broker cleanly (SIGTERM), saving its persistent state. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Kills the broker at once (SIGKILL). */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The broker's log so far, for failure messages. */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
