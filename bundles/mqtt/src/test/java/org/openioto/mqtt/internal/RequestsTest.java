package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.Qos;

class RequestsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static MqttMessage reply(String topic) {
        return new MqttMessage(topic, "4.2".getBytes(), Qos.AT_LEAST_ONCE, false, false);
    }

    @Test
    void sequenceStartsAt100() {
        Requests r = new Requests(timer);
        assertThat(r.open("metric/get", Duration.ofSeconds(30)).getKey()).isEqualTo(100);
        assertThat(r.open("metric/get", Duration.ofSeconds(30)).getKey()).isEqualTo(101);
    }

    @Test
    void wrapsToOneAfterTheLargestInt() {
        Requests r = new Requests(timer);
        r.startAt(Integer.MAX_VALUE);
        assertThat(r.open("t", Duration.ofSeconds(30)).getKey()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.open("t", Duration.ofSeconds(30)).getKey()).isEqualTo(1);
    }

    @Test
    void theReplyWithTheSameSequenceCompletesIt() throws Exception {
        Requests r = new Requests(timer);
        Map.Entry<Integer, CompletableFuture<MqttMessage>> a = r.open("metric/get", Duration.ofSeconds(30));
        Map.Entry<Integer, CompletableFuture<MqttMessage>> b = r.open("metric/get", Duration.ofSeconds(30));
        assertThat(r.complete(reply("ioto/device/ID/metric/get/" + b.getKey()))).isTrue();
        assertThat(b.getValue().get(1, TimeUnit.SECONDS).text()).isEqualTo("4.2");
        assertThat(a.getValue()).isNotDone();
        assertThat(r.complete(reply("ioto/device/ID/metric/get/99999"))).isFalse();
        assertThat(r.complete(reply("ioto/device/ID/metric/get/notanumber"))).isFalse();
    }

    @Test
    void timesOutWithAClearError() {
        Requests r = new Requests(timer);
        CompletableFuture<MqttMessage> f = r.open("store/get", Duration.ofMillis(50)).getValue();
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MqttException.class).hasMessageContaining("timed out")
                .hasMessageContaining("store/get/100");
    }
}
