package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.db.Seed;

/** The Builder and device APIs over real HTTP, as an Ioto 3.0 agent calls them. */
@Timeout(60)
class DeviceApiIT {

    private static final String PRODUCT = Seed.DEFAULT_PRODUCT_TOKEN;
    private static final String REGISTER = "/api/device/register";
    private static final String PROVISION = "/cloud/tok/device/provision";
    // The register body of a real agent (ioto-wire-capture.md, request #1), with our product.
    private static final String AGENT_BODY = "{\"product\":\"" + PRODUCT + "\",\"name\":\"Demo\","
            + "\"description\":\"Demo App\",\"model\":\"Demo-01\",\"id\":\"W3DS2DCGXJ\","
            + "\"created\":\"1970-01-01T00:00:00.000Z\"}";

    @TempDir
    Path dir;
    private RunningCloud cloud;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        cloud = new RunningCloud(dir);
        api = cloud.client;
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private Map<String, Object> registerClaimed() throws Exception {
        api.post(REGISTER, PRODUCT, AGENT_BODY);
        assertThat(api.post("/manager/claim", cloud.login(), "{\"id\":\"W3DS2DCGXJ\"}").status()).isEqualTo(200);
        ApiClient.Reply r = api.post(REGISTER, PRODUCT, AGENT_BODY);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void answersExactlyRegisteredTrueUntilClaimed() throws Exception {
        // Ioto tells "not yet claimed" by the reply having exactly two JSON nodes.
        for (int i = 0; i < 2; i++) {
            ApiClient.Reply r = api.post(REGISTER, PRODUCT, AGENT_BODY);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"registered\":true}");
        }
    }

    @Test
    void answersTheClaimedReplyWithAFreshDeviceToken() throws Exception {
        Map<String, Object> reply = registerClaimed();
        assertThat(reply).containsOnlyKeys("api", "token", "registered", "cloudType", "cloudName",
                "cloudRegion", "accountId");
        assertThat(reply).containsEntry("api", cloud.cloud.baseUrl() + "/cloud")
                .containsEntry("registered", true).containsEntry("cloudType", "hosted")
                .containsEntry("cloudName", "local").containsEntry("cloudRegion", "local");
        assertThat((String) reply.get("accountId")).isNotBlank();
        String again = (String) api.post(REGISTER, PRODUCT, AGENT_BODY).get("token");
        assertThat(again).isNotEqualTo(reply.get("token"));
    }

    @Test
    void acceptsTheExactBytesOfARealAgentsRequest() throws Exception {
        InetSocketAddress a = cloud.cloud.httpAddress();
        byte[] body = AGENT_BODY.getBytes(StandardCharsets.US_ASCII);
        String head = "POST /api/device/register HTTP/1.1\r\n"
                + "Authorization: bearer " + PRODUCT + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Host: 127.0.0.1:" + a.getPort() + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII)); // headers and body in two segments
            out.flush();
            out.write(body);
            out.flush();
            s.shutdownOutput(); // the agent sends FIN after its request
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n{\"registered\":true}");
        }
    }

    @Test
    void refusesAnUnknownProductToken() throws Exception {
        ApiClient.Reply r = api.post(REGISTER, "01NOSUCHPRODUCT", AGENT_BODY);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).isEqualTo(Map.of("error", "Authentication failed"));
    }

    @Test
    void refusesAMissingOrNonBearerAuthorization() throws Exception {
        assertThat(api.post(REGISTER, null, AGENT_BODY).status()).isEqualTo(401);
        assertThat(api.post(REGISTER, null, AGENT_BODY).get("error")).isEqualTo("Missing or malformed bearer token");
    }

    @Test
    void refusesMalformedJson() throws Exception {
        ApiClient.Reply r = api.post(REGISTER, PRODUCT, "{\"id\": \"W3DS2DCGXJ\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.get("error")).startsWith("Malformed JSON");
        assertThat(api.post(REGISTER, PRODUCT, "{}").get("error")).isEqualTo("Missing string property 'id'");
        assertThat(api.post(REGISTER, PRODUCT, "{\"id\":\"a/b\"}").status()).isEqualTo(400);
    }

    @Test
    void refusesBodiesOver64KilobytesByLengthAndByCount() throws Exception {
        String big = "{\"id\":\"W3DS2DCGXJ\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        ApiClient.Reply byLength = api.post(REGISTER, PRODUCT, big);
        assertThat(byLength.status()).isEqualTo(413);
        assertThat(byLength.get("error")).isEqualTo("Request body larger than 65536 bytes");
        // A stream publisher has no length, so the body goes chunked and must be counted.
        ApiClient.Reply chunked = api.post(REGISTER, PRODUCT, HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void answersWrongMethodAndUnknownPathWithJson() throws Exception {
        ApiClient.Reply wrong = api.get(REGISTER, PRODUCT);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.get("error")).isEqualTo("Method not allowed; use POST");
        ApiClient.Reply missing = api.post("/api/device/nothing", PRODUCT, "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(Map.of("error", "Not found"));
    }

    @Test
    void provisionsWithTheDeviceToken() throws Exception {
        Map<String, Object> registered = registerClaimed();
        ApiClient.Reply r = api.post(PROVISION, (String) registered.get("token"), "{\"id\":\"W3DS2DCGXJ\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of(
                "certificate", FakeProvisioner.CERT, "key", FakeProvisioner.KEY, "endpoint", "localhost",
                "port", 8883, "accountId", registered.get("accountId"), "id", "W3DS2DCGXJ"));
        assertThat(cloud.provisioner.calls).containsExactly("W3DS2DCGXJ@" + registered.get("accountId"));
    }

    @Test
    void refusesABadOrReplacedDeviceToken() throws Exception {
        String old = (String) registerClaimed().get("token");
        api.post(REGISTER, PRODUCT, AGENT_BODY); // hands out a new token, voiding the old one
        for (String token : new String[] {"not-a-token", old}) {
            ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"W3DS2DCGXJ\"}");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(Map.of("error", "Authentication failed"));
        }
        assertThat(cloud.provisioner.calls).isEmpty();
    }

    @Test
    void answersCannotFindDeviceForAnUnknownId() throws Exception {
        String token = (String) registerClaimed().get("token");
        ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"NOSUCHDEV1\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(Map.of("error", "Cannot find device"));
    }

    @Test
    void passesOnARefusalWithItsDelay() throws Exception {
        String token = (String) registerClaimed().get("token");
        cloud.provisioner.refusal = new Provision.Refused("Too many requests", 30);
        ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"W3DS2DCGXJ\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"error\":\"Too many requests\",\"delay\":30}");
    }
}
