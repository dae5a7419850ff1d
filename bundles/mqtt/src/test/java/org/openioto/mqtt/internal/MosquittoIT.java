package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The test broker itself: it starts, listens on loopback, and stops. */
class MosquittoIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void startsOnAFreeLoopbackPortAndStops() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start()) {
            assertThat(broker.uri()).startsWith("tcp://127.0.0.1:");
            assertThat(new java.net.Socket("127.0.0.1", broker.port()).isConnected()).isTrue();
            broker.stop();
            assertThat(broker.log()).contains("mosquitto version");
        }
    }
}
