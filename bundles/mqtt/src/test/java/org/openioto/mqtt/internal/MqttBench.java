package org.openioto.mqtt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.openioto.mqtt.Qos;

/**
 * {@code ./openioto bench mqtt}: publishes 100-byte messages through the OpenIoto connection and,
 * in the same run, through raw Paho {@code MqttAsyncClient}, to a Mosquitto started on a free
 * loopback port, while a raw Paho subscriber counts what arrives. Prints one line a scenario:
 * {@code BENCH <scenario> <msgs_per_s> baseline=<msgs_per_s> ratio=<r>}, and the publish-to-ack
 * latency of the OpenIoto connection. Loops are bounded by the message counts and a 120 s limit.
 */
public final class MqttBench {

    private static final byte[] PAYLOAD = new byte[100];
    private static final long LIMIT_SECONDS = 120;

    private MqttBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int fileMessages = Math.max(200, messages / 20);
        Path dir = Files.createTempDirectory("openioto-bench");
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker")).start()) {
            String uri = broker.uri();
            report("qos0", openioto(uri, dir, "q0", messages, Qos.AT_MOST_ONCE),
                    paho(uri, new MemoryPersistence(), messages, 0, 10));
            report("qos1_window", openioto(uri, dir, "q1", messages, Qos.AT_LEAST_ONCE),
                    paho(uri, new MemoryPersistence(), messages, 1, 10));
            report("qos1_durable", openioto(uri, dir, "q1d", fileMessages, Qos.AT_LEAST_ONCE),
                    paho(uri, new MqttDefaultFilePersistence(dir.resolve("paho").toString()), fileMessages, 1, 10));
        }
    }

    private record Result(double rate, long[] latenciesNanos) {
    }

    private static void report(String scenario, Result ours, Result baseline) {
        System.out.printf("BENCH %s %.0f baseline=%.0f ratio=%.2f%n", scenario, ours.rate, baseline.rate,
                ours.rate / baseline.rate);
        long[] l = ours.latenciesNanos;
        Arrays.sort(l);
        System.out.printf("BENCH %s_ack_latency_ms p50=%.2f p99=%.2f%n", scenario, l[l.length / 2] / 1e6,
                l[(int) (l.length * 0.99)] / 1e6);
    }

    /** The OpenIoto connection: every message through the durable queue. */
    private static Result openioto(String uri, Path dir, String name, int messages, Qos qos) throws Exception {
        try (Counter counter = new Counter(uri, "bench/" + name, qos.value())) {
            PahoMqttConnection mqtt = new PahoMqttConnection(Configs.mqtt(dir.resolve("state-" + name),
                    "endpoint", uri.replace("tcp:", "mqtt:")), Configs.identity("BENCH" + name.toUpperCase()),
                    new RecordingLogs().factory());
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
                while (!mqtt.status().state().equals("connected") && System.nanoTime() < until) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                long[] latencies = new long[messages];
                List<CompletableFuture<Void>> acks = new ArrayList<>(messages);
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long sentAt = System.nanoTime();
                    int n = i;
                    acks.add(mqtt.publish("bench/" + name, PAYLOAD, qos, false).acknowledged().toCompletableFuture()
                            .thenRun(() -> latencies[n] = System.nanoTime() - sentAt));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(LIMIT_SECONDS, TimeUnit.SECONDS);
                counter.await(messages, start + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS));
                double seconds = (counter.lastAt() - start) / 1e9;
                return new Result(counter.count() / seconds, latencies);
            } finally {
                mqtt.deactivate();
            }
        }
    }

    /** Raw Paho with an in-flight window of {@code window}, as an application would use it. */
    private static Result paho(String uri, MqttClientPersistence persistence, int messages, int qos, int window)
            throws Exception {
        String topic = "bench/paho" + qos + persistence.getClass().getSimpleName();
        try (Counter counter = new Counter(uri, topic, qos)) {
            MqttAsyncClient client = new MqttAsyncClient(uri, "bench-paho-" + System.nanoTime(), persistence);
            Semaphore inFlight = new Semaphore(window);
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, MqttMessage m) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    inFlight.release();
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(window);
            client.connect(options).waitForCompletion(10_000);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (!inFlight.tryAcquire(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Paho stalled");
                }
                client.publish(topic, PAYLOAD, qos, false);
            }
            counter.await(messages, start + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS));
            double seconds = (counter.lastAt() - start) / 1e9;
            client.disconnect().waitForCompletion(10_000);
            client.close();
            return new Result(counter.count() / seconds, new long[] {0});
        }
    }

    /**
     * Counts arrivals with {@code mosquitto_sub}, a C client fast enough not to be what is
     * measured; it prints one line a message.
     */
    private static final class Counter implements AutoCloseable {
        private final Process process;
        private final AtomicLong count = new AtomicLong();
        private volatile long lastAt;

        Counter(String uri, String topic, int qos) throws Exception {
            String port = uri.substring(uri.lastIndexOf(':') + 1);
            process = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-q",
                    Integer.toString(qos), "-F", "x").redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
                    while (in.readLine() != null) {
                        count.incrementAndGet();
                        lastAt = System.nanoTime();
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            }, "bench-counter");
            reader.setDaemon(true);
            reader.start();
            // mosquitto_sub has subscribed once a retained-free probe comes back
            String probe = "bench-probe-" + System.nanoTime();
            MqttAsyncClient c = new MqttAsyncClient(uri, probe, new MemoryPersistence());
            c.connect().waitForCompletion(10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count.get() == 0 && System.nanoTime() < deadline) {
                c.publish(topic, new byte[] {'p'}, 0, false);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            c.disconnect().waitForCompletion(10_000);
            c.close();
            TimeUnit.MILLISECONDS.sleep(200);
            count.set(0);
            lastAt = 0;
        }

        /** Waits until {@code expected} arrived or, for QoS 0 losses, nothing came for a second. */
        void await(int expected, long deadline) throws InterruptedException {
            while (count.get() < expected && System.nanoTime() < deadline
                    && (lastAt == 0 || System.nanoTime() - lastAt < TimeUnit.SECONDS.toNanos(1))) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        long count() {
            return count.get();
        }

        long lastAt() {
            return lastAt;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
