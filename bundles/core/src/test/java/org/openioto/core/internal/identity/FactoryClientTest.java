package org.openioto.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on loopback and a real command, as a factory line would run them. */
class FactoryClientTest {

    private HttpServer server;

    @TempDir
    Path dir;

    private String serve(int status, String reply, AtomicReference<String> request) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ioto/serialize", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ioto/serialize";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheProductAndReadsTheId() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        String url = serve(200, "{\"id\":\"FACTORY001\"}", request);
        assertThat(new FactoryClient(url, "PRODUCT-1").fetch()).isEqualTo("FACTORY001");
        assertThat(request.get()).isEqualTo("{\"product\":\"PRODUCT-1\"}");
    }

    @Test
    void refusesRepliesWithoutAUsableId() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        String url = serve(200, "{\"name\":\"x\"}", request);
        assertThatThrownBy(() -> new FactoryClient(url, "P").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("has no 'id'");
        stop();
        String bad = serve(200, "{\"id\":\"no/slashes\"}", request);
        assertThatThrownBy(() -> new FactoryClient(bad, "P").fetch()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no/slashes'");
        stop();
        String html = serve(200, "<html>", request);
        assertThatThrownBy(() -> new FactoryClient(html, "P").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON object");
        stop();
        String error = serve(503, "busy", request);
        assertThatThrownBy(() -> new FactoryClient(error, "P").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void runsACommandWithTheProductAsArgument() throws Exception {
        Path script = dir.resolve("serialize");
        Files.writeString(script, "#!/bin/sh\necho \"CMD-$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(new FactoryClient(script.toString(), "P7").fetch()).isEqualTo("CMD-P7");
    }

    @Test
    void aFailingCommandIsAnError() throws Exception {
        Path script = dir.resolve("serialize");
        Files.writeString(script, "#!/bin/sh\nexit 4\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> new FactoryClient(script.toString(), "P").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("exited with 4");
    }
}
