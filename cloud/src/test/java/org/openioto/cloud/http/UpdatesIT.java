package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.db.Seed;

/**
 * Over-the-air updates over real HTTP: the manager publishes an image, a device of that product
 * running an older version is offered it and downloads it, others are not.
 */
@Timeout(60)
class UpdatesIT {

    private static final String PRODUCT = Seed.DEFAULT_PRODUCT_TOKEN;

    @TempDir
    Path dir;
    private RunningCloud cloud;
    private ApiClient api;
    private String session;

    @BeforeEach
    void start() throws Exception {
        cloud = new RunningCloud(dir);
        api = cloud.client;
        session = cloud.login();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void offersANewerImageToOlderDevicesOfItsProductAndServesIt() throws Exception {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));

        ApiClient.Reply published = publish("product=" + PRODUCT + "&version=1.2.0&name=firmware-1.2.0.bin", image);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json()).containsEntry("product", PRODUCT).containsEntry("version", "1.2.0")
                .containsEntry("name", "firmware-1.2.0.bin").containsEntry("size", 300_000)
                .containsEntry("checksum", sha256).containsKeys("id", "created");
        assertThat(publish("product=" + PRODUCT + "&version=1.1.9&name=old.bin", new byte[] {1}).status())
                .isEqualTo(200);

        ApiClient.Reply list = api.get("/manager/updates", session);
        assertThat(list.status()).isEqualTo(200);
        assertThat((List<?>) list.get("updates")).hasSize(2);

        String older = deviceToken("OLDERDEV01");
        ApiClient.Reply offer = check("OLDERDEV01", older, "1.1.10");
        assertThat(offer.status()).as(offer.body()).isEqualTo(200);
        Map<String, Object> o = offer.json();
        assertThat(o).containsOnlyKeys("url", "checksum", "version")
                .containsEntry("checksum", sha256).containsEntry("version", "1.2.0");
        String url = (String) o.get("url");
        assertThat(url).startsWith(cloud.cloud.baseUrl() + "/updates/").hasSize(cloud.cloud.baseUrl().length() + 9 + 43);

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Length")).hasValue("300000");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                .isEqualTo(sha256);

        String current = deviceToken("CURRENTDEV");
        assertThat(check("CURRENTDEV", current, "1.2").body()).as("same version").isEqualTo("{}");
        assertThat(check("CURRENTDEV", current, "1.10.0").body()).as("newer version").isEqualTo("{}");
        assertThat(check("OLDERDEV01", older, "1.1.9.1").get("version")).isEqualTo("1.2.0");
    }

    @Test
    void offersNothingForAnotherProduct() throws Exception {
        String token = deviceToken("LONEDEVICE");
        assertThat(check("LONEDEVICE", token, "0.0.1").body()).isEqualTo("{}");
        assertThat(publish("product=NO-SUCH-PRODUCT&version=9.0&name=x.bin", new byte[] {1}).json())
                .isEqualTo(Map.of("error", "Cannot find product"));
        assertThat(check("LONEDEVICE", token, "0.0.1").body()).isEqualTo("{}");
    }

    @Test
    void refusesBadTokensAndBadInput() throws Exception {
        String token = deviceToken("BADINPUT01");
        ApiClient.Reply wrong = check("BADINPUT01", "not-the-token", "1.0.0");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(Map.of("error", "Authentication failed"));
        assertThat(api.post("/cloud/tok/provision/update", null, "{\"id\":\"BADINPUT01\",\"version\":\"1.0\"}").status())
                .isEqualTo(401);
        assertThat(check("NOSUCHDEV1", token, "1.0.0").status()).isEqualTo(404);
        assertThat(check("BADINPUT01", token, "1.0-beta").status()).isEqualTo(400);
        assertThat(api.post("/cloud/tok/provision/update", token, "{\"id\":\"BADINPUT01\"}").status()).isEqualTo(400);
        assertThat(api.post("/cloud/tok/provision/update", token, "[").status()).isEqualTo(400);

        assertThat(publish("product=" + PRODUCT + "&version=1.x&name=a.bin", new byte[] {1}).status()).isEqualTo(400);
        assertThat(publish("product=" + PRODUCT + "&name=a.bin", new byte[] {1}).status()).isEqualTo(400);
        assertThat(publish("product=" + PRODUCT + "&version=1.0&name=../a.bin", new byte[] {1}).status()).isEqualTo(400);
        assertThat(publish("product=" + PRODUCT + "&version=1.0&name=a.bin", new byte[0]).status()).isEqualTo(400);
        assertThat(api.post("/manager/updates?product=" + PRODUCT + "&version=1.0&name=a.bin", "bad-session",
                HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).status()).isEqualTo(401);
        assertThat(api.get("/manager/updates", null).status()).isEqualTo(401);
        assertThat(publish("product=" + PRODUCT + "&version=1.0&name=a.bin", new byte[] {1}).status()).isEqualTo(200);
        assertThat(publish("product=" + PRODUCT + "&version=1.0.0&name=b.bin", new byte[] {1}).status())
                .as("the same version again").isEqualTo(409);

        ApiClient.Reply missing = api.get("/updates/" + "A".repeat(43), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsKey("error");
        assertThat(api.get("/updates/../cloud", null).status()).isEqualTo(404);
        ApiClient.Reply put = api.post("/updates/" + "A".repeat(43), null, "x");
        assertThat(put.status()).isEqualTo(405);
        assertThat(api.get("/cloud/tok/provision/update", token).status()).isEqualTo(405);
        assertThat((List<?>) api.get("/manager/updates", session).get("updates")).as("only the good one").hasSize(1);
    }

    @Test
    void refusesAnImageOverSixtyFourMegabytesByItsContentLength() throws Exception {
        var address = cloud.cloud.httpAddress();
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /manager/updates?product=" + PRODUCT + "&version=1.0&name=big.bin HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: bearer " + session + "\r\n"
                    + "Content-Length: " + (64L * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 413").contains("{\"error\":\"Request body larger than 67108864 bytes\"}");
        }
        assertThat((List<?>) api.get("/manager/updates", session).get("updates")).isEmpty();
    }

    private ApiClient.Reply publish(String query, byte[] image) throws Exception {
        return api.post("/manager/updates?" + query, session, HttpRequest.BodyPublishers.ofByteArray(image));
    }

    private ApiClient.Reply check(String id, String token, String version) throws Exception {
        // as Ioto sends it: the device.json5 properties, its id, and the app and agent versions
        return api.post("/cloud/tok/provision/update", token, "{\"product\":\"" + PRODUCT + "\",\"name\":\"Demo\","
                + "\"model\":\"Demo-01\",\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"iotoVersion\":\"3.0.0\"}");
    }

    /** Registers, claims and registers {@code id} again, returning its device token. */
    private String deviceToken(String id) throws Exception {
        String body = "{\"product\":\"" + PRODUCT + "\",\"id\":\"" + id + "\"}";
        assertThat(api.post("/api/device/register", PRODUCT, body).status()).isEqualTo(200);
        assertThat(api.post("/manager/claim", session, "{\"id\":\"" + id + "\"}").status()).isEqualTo(200);
        return (String) api.post("/api/device/register", PRODUCT, body).get("token");
    }
}
