package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.db.Seed;

/** The manager API over real HTTP: login, claim, device list. */
@Timeout(60)
class ManagerApiIT {

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

    private void register(String id) throws Exception {
        assertThat(api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, "{\"id\":\"" + id + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void logsInWithTheRightPasswordOnly() throws Exception {
        assertThat(cloud.login()).hasSize(43);
        for (String body : List.of("{\"user\":\"admin\",\"password\":\"wrong\"}",
                "{\"user\":\"nobody\",\"password\":\"" + RunningCloud.ADMIN_PASSWORD + "\"}")) {
            ApiClient.Reply r = api.post("/manager/login", null, body);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(Map.of("error", "Wrong user name or password"));
        }
        assertThat(api.post("/manager/login", null, "{\"user\":\"admin\"}").status()).isEqualTo(400);
    }

    @Test
    void claimsARegisteredDevice() throws Exception {
        register("W3DS2DCGXJ");
        String session = cloud.login();
        ApiClient.Reply r = api.post("/manager/claim", session, "{\"id\":\"W3DS2DCGXJ\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("id", "W3DS2DCGXJ", "claimed", true));
        assertThat(api.post("/manager/claim", session, "{\"id\":\"W3DS2DCGXJ\"}").status())
                .as("claiming again is harmless").isEqualTo(200);
    }

    @Test
    void readsTheBearerSchemeInAnyCase() throws Exception {
        register("W3DS2DCGXJ");
        String session = cloud.login();
        assertThat(api.postAuthorized("/manager/claim", "BEARER " + session, "{\"id\":\"W3DS2DCGXJ\"}").status())
                .isEqualTo(200);
        assertThat(api.postAuthorized("/manager/claim", "Basic " + session, "{\"id\":\"W3DS2DCGXJ\"}").status())
                .isEqualTo(401);
    }

    @Test
    void refusesClaimsWithoutSessionOrForUnknownDevices() throws Exception {
        register("W3DS2DCGXJ");
        ApiClient.Reply noSession = api.post("/manager/claim", "made-up", "{\"id\":\"W3DS2DCGXJ\"}");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.json()).isEqualTo(Map.of("error", "Session expired or unknown"));
        ApiClient.Reply unknown = api.post("/manager/claim", cloud.login(), "{\"id\":\"NOSUCHDEV1\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(Map.of("error", "Cannot find device"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsClaimedAndUnclaimedDevices() throws Exception {
        register("AAAAAAAAAA");
        register("BBBBBBBBBB");
        String session = cloud.login();
        api.post("/manager/claim", session, "{\"id\":\"BBBBBBBBBB\"}");
        ApiClient.Reply r = api.get("/manager/devices", session);
        assertThat(r.status()).isEqualTo(200);
        List<Map<String, Object>> devices = (List<Map<String, Object>>) r.get("devices");
        assertThat(devices).extracting(d -> d.get("id")).containsExactly("AAAAAAAAAA", "BBBBBBBBBB");
        assertThat(devices).extracting(d -> d.get("claimed")).containsExactly(false, true);
        assertThat(devices.get(1)).containsKeys("registered", "claimedAt", "productId");
        assertThat(api.get("/manager/devices", null).status()).isEqualTo(401);
        assertThat(api.post("/manager/devices", session, "{}").status()).isEqualTo(405);
    }
}
