package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/openioto shell} against a running instance, and the console it talks to: a socket
 * on the loopback address only, announced with a token in a file only the owner can read.
 */
class ConsoleShellIT {

    private static final Pattern PORT = Pattern.compile("port:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("token:\\s*'([0-9a-f]+)'");

    @TempDir
    Path scratch;

    private Distribution dist;
    private Path state;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch);
        state = scratch.resolve("state");
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void statusPrintsTheClaimIdOfTheRunningInstance() {
        OpenIotoProcess gateway = dist.startReady(state);
        String claimId = gateway.awaitMatch(LogLines.CLAIM.pattern(), Distribution.START).group(1);

        OpenIotoProcess status = dist.shell(state, "ioto:status");

        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stdout()).as(status.describe())
                .contains("Claim ID:     " + claimId, "State:        " + state.toAbsolutePath())
                .anyMatch(l -> l.startsWith("OpenIoto:     " + Distribution.version() + " (ready)"));
        assertThat(status.stderr()).isEmpty();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void disabledServiceStaysDisabledAfterRestart() {
        OpenIotoProcess gateway = dist.startReady(state);
        assertThat(demoRow()).containsExactly("demo", "yes", "ioto.json5");

        OpenIotoProcess disable = dist.shell(state, "ioto:disable demo");
        assertThat(disable.exitCode()).as(disable.describe()).isZero();
        assertThat(disable.stdout()).as(disable.describe()).anyMatch(l -> l.startsWith("demo disabled"));
        assertThat(demoRow()).containsExactly("demo", "no", "ioto:disable");
        assertThat(gateway.terminate(Distribution.STOP)).isEqualTo(Distribution.EXIT_ON_SIGTERM);

        OpenIotoProcess again = dist.startReady(state);
        String enabling = again.awaitLine(l -> l.startsWith("setup: info: Enabling services: "), Distribution.START);
        assertThat(enabling).isEqualTo("setup: info: Enabling services: db mqtt provision register serialize sync update url");
        assertThat(demoRow()).containsExactly("demo", "no", "ioto:disable");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void consoleFileIsPrivateAndPortListensOnLoopbackOnly() throws IOException {
        OpenIotoProcess gateway = dist.startReady(state);
        Path file = state.resolve("runtime/console.json5");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> listening = listeningAddresses(port(Files.readString(file)));
        assertThat(listening).as("sockets listening on the console port").isNotEmpty()
                .allMatch(ConsoleShellIT::isLoopback);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void connectionWithAWrongTokenIsRefused() throws IOException {
        OpenIotoProcess gateway = dist.startReady(state);
        String claimId = gateway.awaitMatch(LogLines.CLAIM.pattern(), Distribution.START).group(1);
        String console = Files.readString(state.resolve("runtime/console.json5"));
        int port = port(console);
        String token = group(TOKEN, console);
        String wrong = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

        String refused = exchange(port, wrong + "\nioto:status\n");
        assertThat(refused).isEqualTo("refused: wrong console token\n\0" + "3\n");
        gateway.awaitLine("shell: warn: Console connection refused: wrong token"::equals, Duration.ofSeconds(5));
        assertThat(exchange(port, "\nioto:status\n")).startsWith("refused:").doesNotContain(claimId);

        // the same exchange with the right token is answered, so the refusal is the token's doing
        String answered = exchange(port, token + "\nioto:status\n");
        assertThat(answered).contains("Claim ID:     " + claimId).endsWith("\0" + "0\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shellWithoutARunningInstanceExits3() {
        OpenIotoProcess never = dist.shell(state, "ioto:status");
        assertThat(never.exitCode()).as(never.describe()).isEqualTo(3);
        assertThat(never.stderr()).as(never.describe())
                .containsExactly("openioto: no instance is running with state directory " + state.toAbsolutePath());

        // killed without a chance to clean up, the instance leaves its console file behind
        OpenIotoProcess gateway = dist.startReady(state);
        gateway.kill();
        assertThat(state.resolve("runtime/console.json5")).exists();
        OpenIotoProcess stale = dist.shell(state, "ioto:status");
        assertThat(stale.exitCode()).as(stale.describe()).isEqualTo(3);
        assertThat(stale.stderr()).as(stale.describe())
                .anyMatch(l -> l.startsWith("openioto: cannot reach the running instance: "));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unknownCommandExitsNonZero() {
        OpenIotoProcess gateway = dist.startReady(state);

        OpenIotoProcess unknown = dist.shell(state, "ioto:nonesuch");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(1);
        assertThat(unknown.output()).contains("Command not found: ioto:nonesuch");

        OpenIotoProcess wrongName = dist.shell(state, "ioto:disable nonesuch");
        assertThat(wrongName.exitCode()).as(wrongName.describe()).isEqualTo(1);
        assertThat(wrongName.output()).contains("nonesuch");
        assertThat(gateway.isAlive()).isTrue();
    }

    /** The demo row of ioto:services: service, wanted, why. */
    private List<String> demoRow() {
        OpenIotoProcess services = dist.shell(state, "ioto:services");
        assertThat(services.exitCode()).as(services.describe()).isZero();
        String row = services.stdout().stream().filter(l -> l.startsWith("demo ")).findFirst()
                .orElseThrow(() -> new AssertionError("no demo row; " + services.describe()));
        return List.of(row.trim().split("\\s+")).subList(0, 3);
    }

    private static int port(String consoleFile) {
        return Integer.parseInt(group(PORT, consoleFile));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }

    /** Sends {@code request} to the console and reads the reply to its end. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The local addresses of the TCP sockets listening on {@code port}, from the kernel's tables
     * ({@code /proc/net/tcp} and {@code tcp6}: hex address, colon, hex port; state 0A is LISTEN).
     */
    private static List<String> listeningAddresses(int port) throws IOException {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(suffix) && f[3].equals("0A")) {
                    addresses.add(f[1].substring(0, f[1].length() - suffix.length()));
                }
            }
        }
        return addresses;
    }

    /** 127.0.0.1 as IPv4, ::ffff:127.0.0.1 as IPv6, or ::1, in the kernel's byte order. */
    private static boolean isLoopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
                || hexAddress.equals("00000000000000000000000001000000");
    }
}
