package org.openioto.core.internal.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openioto.core.internal.config.ConfigException;
import org.openioto.core.internal.config.Json5;

/**
 * Asks the factory for a claim ID, as Ioto's {@code serialize: 'factory'} does: POST
 * {@code {"product": ...}} to an http(s) URL and read {@code {"id": ...}} from the reply, or run
 * a command with the product as its argument and read the ID from its output.
 */
final class FactoryClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String source;
    private final String product;

    /** @param source an http(s) URL, or a command; {@code serialize} when empty */
    FactoryClient(String source, String product) {
        this.source = source.isBlank() ? "serialize" : source.trim();
        this.product = product;
    }

    String source() {
        return source;
    }

    /**
     * One attempt; blocks for at most 30 seconds.
     *
     * @throws IOException saying what the factory did wrong
     * @throws IllegalArgumentException if what it gave is not a valid claim ID
     */
    String fetch() throws IOException, InterruptedException {
        String id = source.startsWith("http:") || source.startsWith("https:") ? askService() : runCommand();
        return ClaimIds.validate(id, "the factory (" + source + ")");
    }

    private String askService() throws IOException, InterruptedException {
        String body = "{\"product\":\"" + product.replace("\\", "").replace("\"", "") + "\"}";
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                .send(HttpRequest.newBuilder(URI.create(source)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + source);
        }
        try {
            Object id = Json5.read(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)), source)
                    .root().get("id");
            if (id == null) {
                throw new IOException("the reply from " + source + " has no 'id'");
            }
            return String.valueOf(id);
        } catch (ConfigException e) {
            throw new IOException("the reply from " + source + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private String runCommand() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(source, product).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + source + "' did not finish within " + TIMEOUT.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + source + "' exited with " + p.exitValue());
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
