package org.openioto.distribution.process;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One {@code bin/openioto} process: its standard output and error are read line by line on
 * threads of their own as they come, so a test can wait for a log line while the process runs
 * and read everything it printed once it has ended. Waits fail with the command and everything
 * it printed, so a failure explains itself.
 */
final class OpenIotoProcess {

    private static final Duration POLL = Duration.ofMillis(20);

    private final String command;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final CountDownLatch drained = new CountDownLatch(2);

    OpenIotoProcess(String command, Process process) {
        this.command = command;
        this.process = process;
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines printed on standard output so far. */
    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** The lines printed on standard error so far. */
    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Standard output then standard error, as text. */
    String output() {
        return String.join("\n", stdout()) + "\n" + String.join("\n", stderr());
    }

    /** Waits for a line of standard output that matches and answers it. */
    String awaitLine(Predicate<String> line, Duration limit) {
        return awaitLine(line, limit, 0);
    }

    /** Waits for a matching line of standard output at index {@code from} or later. */
    String awaitLine(Predicate<String> line, Duration limit, int from) {
        try {
            return await().atMost(limit).pollInterval(POLL).pollDelay(Duration.ZERO)
                    .until(() -> find(line, from), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no such line within " + limit.toMillis() + " ms; " + describe(), e);
        }
    }

    /** Waits for a line of standard output that matches {@code regex} and answers its match. */
    Matcher awaitMatch(String regex, Duration limit) {
        Pattern p = Pattern.compile(regex);
        Matcher m = p.matcher(awaitLine(l -> p.matcher(l).matches(), limit));
        m.matches();
        return m;
    }

    /** Waits for the process to end by itself and answers its exit code. */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + limit.toMillis() + " ms; " + describe());
            }
            // the pumps end at end of input, which follows the exit at once
            drained.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        if (process.isAlive()) {
            throw new AssertionError("still running; " + describe());
        }
        return awaitExit(Duration.ofSeconds(1));
    }

    /** Sends SIGTERM, as {@code kill PID} or systemd does, and waits for the exit. */
    int terminate(Duration limit) {
        process.destroy();
        return awaitExit(limit);
    }

    /** Ends the process with SIGKILL if it is still alive and waits until it is gone. */
    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            drained.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command and what it printed, for failure messages. */
    String describe() {
        return "'" + command + "' " + (process.isAlive() ? "running" : "exited " + process.exitValue())
                + "\n--- stdout\n" + String.join("\n", stdout()) + "\n--- stderr\n" + String.join("\n", stderr());
    }

    @Override
    public String toString() {
        return describe();
    }

    private Optional<String> find(Predicate<String> line, int from) {
        List<String> lines = stdout();
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream().filter(line).findFirst();
    }

    private void pump(InputStream in, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (into) {
                        into.add(l);
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is killed; what was read is kept
            } finally {
                drained.countDown();
            }
        }, "openioto-" + name + "-" + process.pid());
        t.setDaemon(true);
        t.start();
    }
}
