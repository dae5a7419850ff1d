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

/** The manager API over real HTTP: login, users, claim, device list. */
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

    @Test
    @SuppressWarnings("unchecked")
    void adminAddsUsersWithAccountsOfTheirOwn() throws Exception {
        String admin = cloud.login();
        ApiClient.Reply added = api.post("/manager/users", admin, "{\"user\":\"bob\",\"password\":\"bob-password\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json()).containsEntry("user", "bob").containsKey("accountId");
        String bob = (String) api.post("/manager/login", null,
                "{\"user\":\"bob\",\"password\":\"bob-password\"}").get("token");
        assertThat(bob).isNotNull();

        register("AAAAAAAAAA");
        assertThat(api.post("/manager/claim", bob, "{\"id\":\"AAAAAAAAAA\"}").status()).isEqualTo(200);
        assertThat(api.post("/manager/claim", admin, "{\"id\":\"AAAAAAAAAA\"}").status())
                .as("claimed by bob's account").isEqualTo(409);
        List<Map<String, Object>> bobs = (List<Map<String, Object>>) api.get("/manager/devices", bob).get("devices");
        assertThat(bobs).extracting(d -> d.get("id")).containsExactly("AAAAAAAAAA");
        assertThat((List<?>) api.get("/manager/devices", admin).get("devices")).as("not admin's").isEmpty();

        ApiClient.Reply again = api.post("/manager/users", admin, "{\"user\":\"bob\",\"password\":\"other-password\"}");
        assertThat(again.status()).isEqualTo(409);
        ApiClient.Reply notAdmin = api.post("/manager/users", bob, "{\"user\":\"eve\",\"password\":\"eve-password\"}");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json()).isEqualTo(Map.of("error", "Only admin may add users"));
        for (String body : List.of("{\"user\":\"\",\"password\":\"long-enough\"}", "{\"user\":\"a b\",\"password\":\"long-enough\"}",
                "{\"user\":\"carol\",\"password\":\"short\"}", "{\"user\":\"carol\"}", "{\"user\":")) {
            assertThat(api.post("/manager/users", admin, body).status()).as(body).isEqualTo(400);
        }
        assertThat(api.post("/manager/users", null, "{\"user\":\"carol\",\"password\":\"long-enough\"}").status())
                .isEqualTo(401);
    }
}
