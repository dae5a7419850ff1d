package org.openioto.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openioto.cloud.http.Json;

/**
 * A device's way in over HTTP, as the Ioto agent takes it: register with the product token
 * (unclaimed), have the manager claim it, register again for the device token, then provision
 * for a certificate, key and broker endpoint. Thread-safe; each call blocks its caller.
 */
final class Provisioning implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REPLY = 1 << 20;

    /** Thrown when the cloud answers something a device cannot go on with. */
    static final class ProvisioningException extends Exception {
        ProvisioningException(String message) {
            super(message);
        }
    }

    private final URI base;
    private final String productToken;
    private final String adminPassword;
    private final ExecutorService executor;
    private final HttpClient http;
    private volatile String session;

    /**
     * @param base the cloud's base URL, e.g. {@code http://127.0.0.1:9080}; the Builder API is
     *     {@code base/api}, the manager API {@code base/manager}
     */
    Provisioning(URI base, String productToken, String adminPassword) {
        this.base = base;
        this.productToken = productToken;
        this.adminPassword = adminPassword;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "simulator-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .executor(executor).build();
    }

    /** Runs the whole way in for device {@code id} and returns what provisioning gave it. */
    Credentials provision(String id) throws IOException, InterruptedException, ProvisioningException {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("product", productToken);
        device.put("name", "Simulated");
        device.put("description", "OpenIoto simulated device");
        device.put("model", "Sim-01");
        device.put("id", id);
        device.put("created", "1970-01-01T00:00:00.000Z");
        String register = base + "/api/device/register";
        Map<String, Object> first = post(register, productToken, device);
        if (!first.containsKey("token")) {
            claim(id);
        }
        Map<String, Object> claimed = post(register, productToken, device);
        String api = string(claimed, "api");
        String token = string(claimed, "token");
        URI apiUri = URI.create(api);
        if (apiUri.getHost() == null || !Loopback.isLoopback(apiUri.getHost())) {
            throw new ProvisioningException("the cloud's device API is not on loopback: " + apiUri.getHost());
        }
        Map<String, Object> p = post(api + "/tok/device/provision", token, Map.of("id", id));
        if (p.containsKey("error")) {
            throw new ProvisioningException("provisioning refused: " + p.get("error"));
        }
        String endpoint = string(p, "endpoint");
        if (!Loopback.isLoopback(endpoint)) {
            throw new ProvisioningException("the broker endpoint is not on loopback: " + endpoint);
        }
        if (!(p.get("port") instanceof Number port)) {
            throw new ProvisioningException("provisioning reply has no port");
        }
        return new Credentials(id, string(p, "accountId"), string(p, "certificate"), string(p, "key"), endpoint,
                port.intValue());
    }

    private void claim(String id) throws IOException, InterruptedException, ProvisioningException {
        String s = session;
        if (s == null) {
            s = login();
        }
        post(base + "/manager/claim", s, Map.of("id", id));
    }

    private synchronized String login() throws IOException, InterruptedException, ProvisioningException {
        if (session == null) {
            session = string(post(base + "/manager/login", null, Map.of("user", "admin", "password", adminPassword)),
                    "token");
        }
        return session;
    }

    private Map<String, Object> post(String url, String bearer, Map<String, Object> body)
            throws IOException, InterruptedException, ProvisioningException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (bearer != null) {
            b.header("Authorization", "bearer " + bearer);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> reply;
        try {
            reply = Json.parseObject(r.body(), MAX_REPLY);
        } catch (Json.MalformedException e) {
            throw new ProvisioningException(path(url) + " answered " + r.statusCode() + " without a JSON object");
        }
        if (r.statusCode() != 200) {
            throw new ProvisioningException(path(url) + " answered " + r.statusCode() + ": " + reply.get("error"));
        }
        return reply;
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private static String string(Map<String, Object> reply, String name) throws ProvisioningException {
        if (!(reply.get(name) instanceof String s) || s.isEmpty()) {
            throw new ProvisioningException("the cloud's reply has no " + name);
        }
        return s;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
