package org.openioto.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openioto.cloud.http.Json;
import org.openioto.cloud.sync.Downlink;

/**
 * The simulator against a real cloud in this JVM, over real sockets: HTTP provisioning, MQTT over
 * TLS with the issued certificates, sync batches and their acks. The latency target is set out of
 * reach of any machine's speed, so only counts are asserted.
 */
@Timeout(120)
class SimulatorIT {

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    void everyChangeOfEveryDeviceIsStoredAndAcked() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(List.of("--devices", "5", "--duration", "3",
                "--warmup", "1", "--p99-target-ms", "600000"));
        try (InProcessCloud cloud = new InProcessCloud()) {
            Report r = run(options, cloud);

            assertThat(r.asked()).isEqualTo(5);
            assertThat(r.provisioned()).isEqualTo(5);
            assertThat(r.connected()).isEqualTo(5);
            // one change per device per second, due on a fixed schedule: exactly 3 in 3 s
            assertThat(r.sent()).as(progress.toString(UTF_8)).isEqualTo(15);
            assertThat(r.acked()).isEqualTo(15);
            assertThat(r.lost()).isZero();
            assertThat(r.unsent()).isZero();
            assertThat(r.latencies().count()).isEqualTo(15);
            assertThat(r.latencies().max()).isPositive();
            assertThat(r.drops()).isZero();
            assertThat(r.rssKb()).isPresent();
            assertThat(r.passes()).as(r.table()).isTrue();

            // the cloud holds each device's last value: 4 changes (1 warm-up + 3), counting from 0
            List<Map<String, Object>> devices = manager(cloud, "/manager/devices", "devices");
            assertThat(devices).hasSize(5);
            for (Map<String, Object> d : devices) {
                assertThat(d).containsEntry("claimed", true);
                List<Map<String, Object>> items = manager(cloud, "/manager/devices/" + d.get("id") + "/store", "items");
                assertThat(items).singleElement().satisfies(i -> {
                    assertThat(i).containsEntry("key", "counter").containsEntry("value", "3");
                });
            }
        }
    }

    @Test
    void aCloudThatNeverAcksFailsTheRunWithEveryChangeLost() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(List.of("--devices", "2", "--duration", "2",
                "--warmup", "0", "--p99-target-ms", "600000"));
        try (InProcessCloud cloud = new InProcessCloud()) {
            cloud.cloud().sync().attach(new Downlink() {
                @Override
                public void send(String topic, byte[] payload) {
                    // acks go nowhere
                }

                @Override
                public boolean connected(String deviceId) {
                    return true;
                }
            });
            Report r = run(options, cloud);

            assertThat(r.connected()).isEqualTo(2);
            assertThat(r.sent()).isEqualTo(4);
            assertThat(r.acked()).isZero();
            assertThat(r.lost()).isEqualTo(4);
            assertThat(r.passes()).isFalse();
            assertThat(r.failures()).contains("4 changes got no ack in time");
        }
    }

    private Report run(SimulatorOptions options, CloudUnderTest cloud) throws InterruptedException {
        return new Simulation(options, cloud, new PrintStream(progress, true, UTF_8)).run();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manager(CloudUnderTest cloud, String path, String field) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] login = Json.write(Map.of("user", "admin", "password", cloud.adminPassword()));
        HttpResponse<byte[]> session = http.send(HttpRequest.newBuilder(URI.create(cloud.base() + "/manager/login"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(login)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String token = (String) Json.parseObject(session.body(), 1 << 20).get("token");
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(cloud.base() + path))
                .header("Authorization", "bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), UTF_8)).isEqualTo(200);
        return (List<Map<String, Object>>) Json.parseObject(r.body(), 1 << 20).get(field);
    }
}
