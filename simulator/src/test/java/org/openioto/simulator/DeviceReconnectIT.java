package org.openioto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated device whose connection the broker drops comes back by itself: a second connection
 * with the same client id takes the session over, as MQTT requires, and once that one is gone
 * the first device reconnects, subscribes again, and its changes are acked again.
 */
@Timeout(90)
class DeviceReconnectIT {

    @Test
    void reconnectsAndSyncsAgainAfterTheBrokerDropsIt() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try (InProcessCloud cloud = new InProcessCloud();
             Provisioning provisioning = new Provisioning(cloud.base(), SimulatorOptions.defaults().productToken(),
                     cloud.adminPassword())) {
            Credentials credentials = provisioning.provision("RECONNECT1");
            long loss = TimeUnit.SECONDS.toNanos(5);
            Tally tally = new Tally();
            SimulatedDevice device = new SimulatedDevice(credentials, DeviceTls.context(credentials, cloud.authority()),
                    group.next(), tally, loss);
            device.connect().get(30, TimeUnit.SECONDS);

            Tally twinTally = new Tally();
            SimulatedDevice twin = new SimulatedDevice(credentials, DeviceTls.context(credentials, cloud.authority()),
                    group.next(), twinTally, loss);
            twin.connect().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> tally.drops() >= 1);
            twin.stop();

            // the two may have taken the session from each other a few times before the twin stopped
            await().atMost(Duration.ofSeconds(30)).until(device::ready);
            assertThat(tally.reconnects()).isPositive();
            long now = System.nanoTime();
            tally.measure(now, now + TimeUnit.SECONDS.toNanos(3600));
            device.start(now + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(200),
                    now + TimeUnit.SECONDS.toNanos(3600));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally.acked() >= 3);
            device.stop();

            assertThat(tally.unsent()).isZero();
            assertThat(tally.lost()).isZero();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }
}
