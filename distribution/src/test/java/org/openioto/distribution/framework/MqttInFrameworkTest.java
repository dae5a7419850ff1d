package org.openioto.distribution.framework;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openioto.mqtt.MqttConnection;
import org.openioto.mqtt.internal.Mosquitto;
import org.openioto.mqtt.internal.PahoPeer;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The mqtt capability bundle in the framework, started by the services map, connected to a real
 * Mosquitto the test starts inside the framework: its components and service, its shell
 * commands over the wire, its connection events, and ioto:disable / ioto:enable.
 *
 * <p>The Mosquitto harness and the Paho peer come from the mqtt module's test-jar on the class
 * path, exported to the probe by the system bundle; the peer's Paho is the class path's, not the
 * framework's, so the tests touch it only through {@link PahoPeer}'s own methods.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MqttInFrameworkTest extends InFramework {

    private static final String MQTT_BSN = "org.openioto.mqtt";

    private static final Duration CONNECTS = Duration.ofSeconds(20);

    /** Started once per framework by the first test, ended with the JVM. */
    private static Mosquitto broker;

    @Override
    protected Option more(Path config) throws IOException {
        int port = Mosquitto.freePort();
        Files.writeString(config.resolve("ioto.json5"), """
                // ioto.json5 written by MqttInFrameworkTest
                {
                    version: '1.2.3',
                    profile: 'dev',
                    app: 'gateway',
                    services: {
                        mqtt: true, provision: false, register: false, database: false, demo: false,
                        sync: false, update: false, url: false, web: false, serialize: 'auto',
                    },
                    mqtt: {
                        endpoint: 'mqtt://127.0.0.1:%d',
                    },
                }
                """.formatted(port));
        return composite(
                capability(MQTT_BSN),
                systemPackage("org.openioto.mqtt.internal"),
                frameworkProperty("openioto.test.mqtt.port").value(String.valueOf(port)));
    }

    @Before
    public void startBroker() throws IOException {
        synchronized (MqttInFrameworkTest.class) {
            if (broker == null) {
                Path dir = Path.of(context.getProperty("openioto.test.root")).resolve("mosquitto");
                Mosquitto started = new Mosquitto(dir, port()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                broker = started;
            }
        }
    }

    @Test
    public void servicesMapStartsTheBundleAndItConnects() throws Exception {
        Bundle bundle = mqttBundle().orElseThrow(() -> new AssertionError("no " + MQTT_BSN + " installed"));
        awaitState(bundle, Bundle.ACTIVE, STARTUP);
        awaitConnected();
        await("ioto:mqtt says connected").atMost(CONNECTS).untilAsserted(() -> {
            String status = shell("ioto:mqtt");
            assertTrue(status, status.contains("State:      connected\n"));
            assertTrue(status, status.contains("Endpoint:   127.0.0.1:" + port() + "\n"));
        });
        assertEquals(List.of("org.openioto.mqtt.internal.MqttCommands", "org.openioto.mqtt.internal.PahoMqttConnection"),
                scr.getComponentDescriptionDTOs(bundle).stream().map(d -> d.name).sorted().toList());
        assertEquals("ACTIVE", componentState("org.openioto.mqtt.internal.PahoMqttConnection"));
        // the commands are a delayed component: satisfied, and active only while Gogo holds them
        String commands = componentState("org.openioto.mqtt.internal.MqttCommands");
        assertTrue(commands, commands.equals("ACTIVE") || commands.equals("SATISFIED"));
    }

    @Test
    public void postsDisconnectedAndConnectedWhenTheBrokerRestarts() throws Exception {
        awaitConnected();
        List<String> topics = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class,
                event -> topics.add(event.getTopic()),
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, "org/openioto/mqtt/*")));
        try {
            broker.stop();
            try {
                await("DISCONNECTED posted").atMost(CONNECTS)
                        .until(() -> topics.contains("org/openioto/mqtt/DISCONNECTED"));
            } finally {
                broker.start();
            }
            await("CONNECTED posted after DISCONNECTED").atMost(CONNECTS).untilAsserted(() -> assertEquals(
                    List.of("org/openioto/mqtt/DISCONNECTED", "org/openioto/mqtt/CONNECTED"), topics));
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void publishAndSubscribeCommandsGoOverTheWire() throws Exception {
        MqttConnection mqtt = awaitConnected();
        try (PahoPeer cloud = new PahoPeer(broker.uri(), "cloud-" + System.nanoTime())) {
            cloud.subscribe("gw/#", 1);
            assertEquals("published to gw/t, acknowledged", shell("ioto:publish -q 1 gw/t hello").trim());
            await("the peer got gw/t").atMost(CONNECTS)
                    .untilAsserted(() -> assertEquals(List.of(new PahoPeer.Got("gw/t", "hello", 1, false)), cloud.got));

            String cmd = mqtt.deviceTopic("cmd");
            CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell("ioto:subscribe -n 1 -t 20 " + cmd);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the command subscribes at some point after it starts: publish until it has printed
            await("ioto:subscribe printed the peer's message").atMost(CONNECTS).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        cloud.publish(cmd, "reboot", 1, false);
                        return printed.isDone();
                    });
            assertEquals(cmd + ": reboot", printed.get().trim());
        }
    }

    @Test
    public void disableStopsTheBundleAndEnableReconnects() throws Exception {
        awaitConnected();
        Bundle bundle = mqttBundle().orElseThrow();
        String name = MQTT_BSN + " " + bundle.getVersion();
        assertEquals(List.of("mqtt", "yes", "ioto.json5", name, "active"), servicesRow("mqtt"));

        assertEquals("mqtt disabled: " + name + " stopped", shell("ioto:disable mqtt").trim());
        assertEquals(Bundle.RESOLVED, bundle.getState());
        await("MqttConnection unregistered").atMost(STARTUP)
                .until(() -> context.getServiceReference(MqttConnection.class) == null);

        assertEquals("mqtt enabled: " + name + " active", shell("ioto:enable mqtt").trim());
        awaitConnected();
        assertEquals(List.of("mqtt", "yes", "ioto:enable", name, "active"), servicesRow("mqtt"));
    }

    private MqttConnection awaitConnected() {
        return await("MqttConnection connected to 127.0.0.1:" + port()).atMost(CONNECTS)
                .until(() -> {
                    ServiceReference<MqttConnection> ref = context.getServiceReference(MqttConnection.class);
                    return ref == null ? null : context.getService(ref);
                }, mqtt -> mqtt != null && mqtt.status().state().equals("connected"));
    }

    private Optional<Bundle> mqttBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> MQTT_BSN.equals(b.getSymbolicName())).findFirst();
    }

    private int port() {
        return Integer.parseInt(context.getProperty("openioto.test.mqtt.port"));
    }
}
