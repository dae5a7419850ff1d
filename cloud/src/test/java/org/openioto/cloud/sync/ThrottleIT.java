package org.openioto.cloud.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;

/**
 * A device over TLS publishing faster than the cloud's rate is sent a throttle notice, while what
 * it sent is still handled: every store/set lands.
 */
@Timeout(90)
class ThrottleIT {

    private static final String ID = "THROTTLED1";

    @TempDir
    Path dir;

    @Test
    void aDeviceOverTheRateGetsANoticeAndLosesNothing() throws Exception {
        // 1 a second with a 10 s burst: the 11th message at once is over the rate
        Cloud cloud = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of(TestDevice.PASSWORD),
                Optional.empty()).withDeviceRate(1));
        cloud.start();
        try (TestDevice device = TestDevice.provision(cloud, ID).connect(cloud)) {
            long before = System.currentTimeMillis();
            for (int i = 0; i < 30; i++) {
                device.ingest("store/set", "{\"key\":\"k" + i + "\",\"value\":" + i + ",\"type\":\"number\"}");
            }
            TestDevice.Message notice = device.next();
            assertThat(notice.topic()).isEqualTo("ioto/device/" + ID + "/mqtt/throttle");
            assertThat(notice.payload()).matches("\\{\"timestamp\":\\d+,\"close\":false}");
            long timestamp = Long.parseLong(notice.payload().replaceAll("\\D", ""));
            assertThat(timestamp).isBetween(before, System.currentTimeMillis());

            device.publish("ioto/service/" + ID + "/store/get/100", "{\"key\":\"k29\"}");
            TestDevice.Message reply;
            do {
                reply = device.next(); // further notices may come first
            } while (reply.topic().endsWith("/mqtt/throttle"));
            assertThat(reply.topic()).isEqualTo(device.topic("store/get/100"));
            assertThat(reply.payload()).isEqualTo("29");
            assertThat(cloud.sync().store().list(ID)).hasSize(30);
        } finally {
            cloud.stop();
        }
    }
}
