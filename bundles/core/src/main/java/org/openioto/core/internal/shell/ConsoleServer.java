package org.openioto.core.internal.shell;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.openioto.core.internal.AtomicFile;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The console that {@code bin/openioto shell} talks to: a socket on 127.0.0.1 only, on a port
 * the system picks, announced with a random token in a file readable by the owner alone
 * (framework property {@code openioto.console}). Another local user cannot read the token and
 * so cannot run commands. Each connection sends the token and one Gogo command line and gets
 * the output followed by a last line {@code NUL exit-code}.
 */
@Component(immediate = true)
public final class ConsoleServer {

    /** Marks the end of the output; what follows is the exit code. */
    public static final char END = '\0';

    private final CommandProcessor processor;
    private final Logger log;
    private final Path file;
    private final ServerSocket server;
    private final byte[] token = new byte[32];
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> new Thread(r, "openioto-console"));

    @Activate
    public ConsoleServer(BundleContext context, @Reference CommandProcessor processor, @Reference LoggerFactory logs)
            throws IOException {
        this.processor = processor;
        this.log = logs.getLogger("shell");
        String where = context.getProperty("openioto.console");
        if (where == null || where.isBlank()) {
            this.file = null;
            this.server = null;
            return;
        }
        this.file = Path.of(where);
        new SecureRandom().nextBytes(token);
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        AtomicFile.writePrivate(file, "{port: " + server.getLocalPort() + ", token: '" + HexFormat.of().formatHex(token)
                + "'}\n");
        executor.execute(this::accept);
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        server.close();
        Files.deleteIfExists(file);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> serve(socket));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                log.warn("Console accept failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String presented = in.readLine();
            OutputStream raw = socket.getOutputStream();
            PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
            if (presented == null || !MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.US_ASCII),
                    HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII))) {
                log.warn("Console connection refused: wrong token");
                out.print("refused: wrong console token\n" + END + "3\n");
                return;
            }
            socket.setSoTimeout(0);
            String command = in.readLine();
            out.print(END + String.valueOf(run(command == null ? "" : command, out)) + "\n");
        } catch (IOException e) {
            log.debug("Console connection ended: {}", e.toString());
        }
    }

    private int run(String command, PrintStream out) {
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            out.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}
