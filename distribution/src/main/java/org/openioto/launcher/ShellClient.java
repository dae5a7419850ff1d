package org.openioto.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to the console of the instance running from a state directory: finds its port and
 * token in {@code runtime/console.json5}, sends one command and prints what comes back. With
 * no command it reads commands from standard input, one a line, until end of input or
 * {@code exit}.
 */
final class ShellClient {

    private static final Pattern PORT = Pattern.compile("port:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("token:\\s*'([0-9a-f]+)'");

    private final Path file;

    ShellClient(Path state) {
        this.file = state.resolve("runtime/console.json5");
    }

    int run(List<String> command, InputStream in, PrintStream out, PrintStream err) {
        try {
            String text = Files.readString(file);
            Matcher port = PORT.matcher(text);
            Matcher token = TOKEN.matcher(text);
            if (!port.find() || !token.find()) {
                err.println("openioto: " + file + " is damaged; restart the instance");
                return 3;
            }
            int p = Integer.parseInt(port.group(1));
            if (!command.isEmpty()) {
                return send(p, token.group(1), String.join(" ", command), out);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int last = 0;
            for (String line = prompt(out, lines); line != null && !line.trim().equals("exit"); line = prompt(out, lines)) {
                if (!line.isBlank()) {
                    last = send(p, token.group(1), line, out);
                }
            }
            return last;
        } catch (NoSuchFileException e) {
            err.println("openioto: no instance is running with state directory " + file.getParent().getParent());
            return 3;
        } catch (IOException e) {
            err.println("openioto: cannot reach the running instance: " + e.getMessage());
            return 3;
        }
    }

    private static String prompt(PrintStream out, BufferedReader lines) throws IOException {
        if (System.console() != null) {
            out.print("ioto> ");
            out.flush();
        }
        return lines.readLine();
    }

    private static int send(int port, String token, String command, PrintStream out) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write((token + "\n" + command.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.lastIndexOf('\0');
            if (end < 0) {
                out.print(reply);
                return 1;
            }
            out.print(reply.substring(0, end));
            out.flush();
            return Integer.parseInt(reply.substring(end + 1).trim());
        }
    }
}
