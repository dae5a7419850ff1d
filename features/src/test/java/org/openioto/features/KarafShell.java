package org.openioto.features;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs Karaf shell commands over SSH as the user karaf, on 127.0.0.1. Karaf ends the session
 * after one exec request, so each command gets a session of its own. The server must present
 * the key Karaf wrote to {@code etc/host.key.pub}; any other key is refused.
 */
final class KarafShell implements AutoCloseable {

    /** What a command printed (standard output and error, colours and CRs removed) and its exit status. */
    record Result(int exitStatus, String output) {
        boolean ok() {
            return exitStatus == 0;
        }
    }

    private static final Duration CONNECT = Duration.ofSeconds(15);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final SshClient client = SshClient.setUpDefaultClient();
    private final int port;
    private final Path hostKey;

    KarafShell(int port, Path hostKey) {
        this.port = port;
        this.hostKey = hostKey;
        client.setServerKeyVerifier(this::isKarafsKey);
        client.start();
    }

    /**
     * Runs one command line (pipes included) and waits for it to finish.
     *
     * @throws IOException if Karaf cannot be reached or the command runs longer than {@code timeout}
     */
    Result run(String command, Duration timeout) throws IOException {
        try (ClientSession session = client.connect("karaf", "127.0.0.1", port).verify(CONNECT).getSession()) {
            session.addPasswordIdentity("karaf");
            session.auth().verify(CONNECT);
            try (ClientChannel channel = session.createExecChannel(command)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(CONNECT);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw new IOException("'" + command + "' did not finish within " + timeout);
                }
                Integer status = channel.getExitStatus();
                String text = out.toString(UTF_8).replace("\r\n", "\n");
                return new Result(status == null ? -1 : status, ANSI.matcher(text).replaceAll(""));
            }
        }
    }

    /** Runs a command that must succeed, and answers its output. */
    String ok(String command, Duration timeout) throws IOException {
        Result result = run(command, timeout);
        if (!result.ok()) {
            throw new AssertionError("'" + command + "' exited with " + result.exitStatus() + ":\n" + result.output());
        }
        return result.output();
    }

    @Override
    public void close() {
        client.stop();
    }

    private boolean isKarafsKey(ClientSession session, SocketAddress address, PublicKey key) {
        try {
            String pem = Files.readString(hostKey, UTF_8).replaceAll("-----[A-Z ]+-----", "");
            return Arrays.equals(Base64.getMimeDecoder().decode(pem), key.getEncoded());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
