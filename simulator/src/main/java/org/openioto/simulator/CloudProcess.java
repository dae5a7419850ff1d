package org.openioto.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openioto.cloud.db.Tokens;
import org.openioto.cloud.pki.Pem;

/**
 * A cloud in a separate JVM: {@code java -jar openioto-cloud.jar} on free loopback ports with its
 * data in a temporary directory, so what is measured is the cloud process alone. Its output is
 * kept (the last lines) for the error message if it fails to start.
 */
final class CloudProcess implements CloudUnderTest {

    private static final Pattern BUILDER = Pattern.compile("Builder API:\\s+(http://\\S+)/api\\b");
    private static final long START_SECONDS = 120;
    private static final int KEPT_LINES = 30;

    private final Path directory;
    private final String password;
    private final Process process;
    private final URI base;
    private final X509Certificate authority;
    private final Deque<String> output = new ArrayDeque<>();

    /**
     * Starts the cloud from {@code jar} and waits until it prints its URLs.
     *
     * @throws IOException if it cannot be started, exits or does not come up within two minutes
     */
    CloudProcess(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no cloud jar at " + jar + " (build it with mvn package -pl cloud)");
        }
        directory = Files.createTempDirectory("openioto-simulator-cloud");
        password = Tokens.random();
        Path data = directory.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-jar", jar.toAbsolutePath().toString(), "--data", data.toString(),
                "--bind", "127.0.0.1", "--http-port", "0", "--mqtts-port", "0", "--admin-password", password))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<URI> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(started), "cloud-output");
        reader.setDaemon(true);
        reader.start();
        try {
            base = started.get(START_SECONDS, TimeUnit.SECONDS);
            authority = Pem.readCertificate(Files.readString(data.resolve("ca").resolve("ca.crt"), UTF_8));
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            String why = e instanceof TimeoutException ? "did not start within " + START_SECONDS + " s" : e.getMessage();
            throw new IOException("the cloud process " + why + "; its last output:\n" + lastOutput(), e);
        }
    }

    private void read(CompletableFuture<URI> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                keep(line);
                Matcher m = BUILDER.matcher(line);
                if (m.find()) {
                    started.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        started.completeExceptionally(new IOException("exited with " + exitValue()));
    }

    private synchronized void keep(String line) {
        // the cloud prints a generated admin password only when none was given, and one is always given here
        output.addLast(line);
        if (output.size() > KEPT_LINES) {
            output.removeFirst();
        }
    }

    private synchronized String lastOutput() {
        return String.join("\n", output);
    }

    private String exitValue() {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "nothing (still running)";
        }
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public X509Certificate authority() {
        return authority;
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String description() {
        return "separate process, pid " + process.pid();
    }

    @Override
    public OptionalLong rssKb() {
        return CloudUnderTest.rssKb(Path.of("/proc", Long.toString(process.pid()), "status"));
    }

    /** Stops the cloud (SIGTERM, then SIGKILL after 15 s) and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        CloudUnderTest.delete(directory);
    }
}
