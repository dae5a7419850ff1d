package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.internal.Mosquitto;
import org.openioto.mqtt.internal.PahoPeer;

/**
 * The gateway as a user runs it, with the mqtt capability and a real Mosquitto: messages
 * published while the broker is down survive a {@code kill -9} of the gateway and reach the
 * broker after the restart.
 */
class MqttDeliveryIT {

    private static final int MESSAGES = 50;

    @TempDir
    Path scratch;

    private Distribution dist;
    private Mosquitto broker;
    private PahoPeer cloud;
    private Path config;
    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(scratch.resolve("broker")).persistent().start();
        cloud = new PahoPeer(broker.uri(), "cloud-peer").subscribe("gateway/#", 1);
        dist = new Distribution(scratch);
        config = dist.copyConfig(scratch.resolve("config"));
        state = scratch.resolve("state");
        Files.writeString(config.resolve("ioto.json5"), """
                {
                    services: {mqtt: true, provision: false, register: false, database: false, demo: false,
                               sync: false, update: false, url: false, web: false, serialize: 'auto'},
                    mqtt: {endpoint: 'mqtt://127.0.0.1:%d', backoffMax: '1 sec'},
                }
                """.formatted(broker.port()));
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.close();
        cloud.close();
        broker.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void queuedMessagesSurviveKillDashNineAndArriveAfterRestart() throws Exception {
        OpenIotoProcess gateway = dist.startReady(state, "--config", config.toString());
        gateway.awaitLine(l -> l.equals("mqtt: info: Connected to mqtt: 127.0.0.1:" + broker.port()), Duration.ofSeconds(30));

        broker.stop();
        String commands = IntStream.range(0, MESSAGES).mapToObj(i -> "ioto:publish -w 0 gateway/n " + i)
                .collect(Collectors.joining(" ; "));
        OpenIotoProcess publish = dist.shell(state, commands);
        assertThat(publish.exitCode()).as(publish.describe()).isZero();
        assertThat(publish.stdout()).as(publish.describe()).hasSize(MESSAGES).allMatch(l -> l.startsWith("queued for gateway/n"));

        gateway.kill();
        broker.start();
        cloud.awaitConnected(Duration.ofSeconds(20));
        assertThat(cloud.got).as("nothing reached the broker while it was down").isEmpty();

        OpenIotoProcess again = dist.startReady(state, "--config", config.toString());
        await("every queued message delivered after the restart").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(cloud.texts().stream().distinct().sorted().toList())
                        .as(again.describe()).hasSize(MESSAGES));
        List<String> expected = IntStream.range(0, MESSAGES).mapToObj(Integer::toString).toList();
        assertThat(cloud.texts()).containsAll(expected);
    }
}
