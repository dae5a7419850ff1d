package org.openioto.cloud.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Talks to a running cloud over real HTTP, as an agent or the manager would. */
final class ApiClient {

    /** A reply: status, raw body, and the body parsed as a JSON object. */
    record Reply(int status, String body) {
        Map<String, Object> json() {
            try {
                return Json.parseObject(body.getBytes(StandardCharsets.UTF_8), 1 << 20);
            } catch (Json.MalformedException e) {
                throw new AssertionError("Not a JSON object: " + body, e);
            }
        }

        Object get(String name) {
            return json().get(name);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    Reply post(String path, String bearer, String body) throws IOException, InterruptedException {
        return send(request(path, bearer).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, String bearer, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return send(request(path, bearer).POST(body));
    }

    /** Posts with {@code authorization} as the whole Authorization header. */
    Reply postAuthorized(String path, String authorization, String body) throws IOException, InterruptedException {
        return send(request(path, null).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET());
    }

    Reply put(String path, String bearer, String body) throws IOException, InterruptedException {
        return send(request(path, bearer).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).DELETE());
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "bearer " + bearer); // lower case, as Ioto writes it
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
