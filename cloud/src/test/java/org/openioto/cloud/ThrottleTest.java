package org.openioto.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final FakeClock clock = new FakeClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final List<String> notices = new ArrayList<>();
    private final List<String> disconnected = new ArrayList<>();
    private final List<String> passed = new ArrayList<>();
    private final Throttle.Devices devices = new Throttle.Devices() {
        @Override
        public void publish(String topic, byte[] payload) {
            notices.add(topic + " " + new String(payload, StandardCharsets.US_ASCII));
        }

        @Override
        public void disconnect(String deviceId) {
            disconnected.add(deviceId);
        }
    };
    private final Throttle throttle = new Throttle(new Throttle.Limits(10, Duration.ofSeconds(60)),
            (client, topic, payload) -> passed.add(client), devices, clock);

    /** Publishes {@code count} messages as {@code device}, one at the end of each of {@code count} equal parts of {@code millis}. */
    private void publish(String device, int count, long millis) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofMillis(millis / count));
            throttle.accept(device, "ioto/service/" + device + "/x", new byte[0]);
        }
    }

    @Test
    void aDeviceWithinItsRateAndBurstHearsNothing() {
        publish("A", 100, 0); // the whole burst of 10 s at once
        publish("A", 600, 60_000); // then exactly the rate for a minute
        assertThat(notices).isEmpty();
        assertThat(passed).hasSize(700);
    }

    @Test
    void aDeviceOverItsRateGetsOneNoticeASecondAndEveryMessageIsPassedOn() {
        publish("A", 100, 0);
        publish("B", 5, 0);
        assertThat(notices).isEmpty();
        publish("A", 30, 1_000); // 30 a second against 10
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).matches("ioto/device/A/mqtt/throttle \\{\"timestamp\":\\d+,\"close\":false}");
        publish("A", 90, 3_000);
        assertThat(notices).hasSize(4).allMatch(n -> n.startsWith("ioto/device/A/") && n.endsWith("false}"));
        assertThat(passed).hasSize(225);
        assertThat(disconnected).isEmpty();
    }

    @Test
    void noticesCarryTheCloudsTimeInMilliseconds() {
        publish("A", 100, 0);
        long at = clock.millis();
        publish("A", 1, 0);
        assertThat(notices).containsExactly("ioto/device/A/mqtt/throttle {\"timestamp\":" + at + ",\"close\":false}");
    }

    @Test
    void aDeviceStillOverTheRateAfterAMinuteIsClosedAndDisconnected() {
        publish("A", 100, 0);
        publish("A", 59 * 20, 59_000);
        assertThat(disconnected).isEmpty();
        publish("A", 40, 2_000);
        assertThat(disconnected).containsExactly("A");
        assertThat(notices.get(notices.size() - 1)).endsWith("\"close\":true}");
        assertThat(notices).filteredOn(n -> n.endsWith("true}")).hasSize(1);
    }

    @Test
    void slowingDownForAWhileStartsTheMinuteAfresh() {
        publish("A", 100, 0);
        publish("A", 40 * 20, 40_000);
        publish("A", 60, 10_000); // under the rate for ten seconds
        publish("A", 40 * 20, 40_000);
        assertThat(disconnected).isEmpty();
        assertThat(notices).isNotEmpty().allMatch(n -> n.endsWith("false}"));
    }

    @Test
    void aRateOfZeroMeansNoLimit() {
        Throttle off = new Throttle(new Throttle.Limits(0, Duration.ofSeconds(60)),
                (client, topic, payload) -> passed.add(client), devices, clock);
        for (int i = 0; i < 10_000; i++) {
            off.accept("A", "t", new byte[0]);
        }
        assertThat(notices).isEmpty();
        assertThat(passed).hasSize(10_000);
    }
}
