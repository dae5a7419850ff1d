package org.openioto.cloud.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.moquette.BrokerConstants;
import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.openioto.cloud.pki.CertificateAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's MQTT broker: an embedded Moquette with a TLS listener that admits only clients
 * holding a certificate of the cloud's CA and using its CN as their client id, each confined to
 * its own topics ({@link DeviceTopicPolicy}), and an optional plain listener for local tools.
 *
 * <p>The constructor starts the broker and returns once it listens; {@link #close()} stops it.
 * Every message a client publishes and the broker accepts goes to the {@link Inbound} listener.
 * Methods are safe to call from any thread.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** The server certificate is issued afresh at each start, so its lifetime only needs to outlast an uptime. */
    private static final Duration SERVER_CERTIFICATE_LIFETIME = Duration.ofDays(825);

    /** AWS IoT's limit, which Ioto devices are written for; Moquette's default is 8092 bytes. */
    static final int MAX_MESSAGE_BYTES = 131_072;

    private static final String SERVER_CLIENT_ID = "openioto-cloud";

    /**
     * Where and how the broker listens.
     *
     * @param bindAddress the address both listeners bind to; null or blank means 127.0.0.1
     * @param tlsPort the TLS listener's port, 1-65535
     * @param plainPort the plain MQTT listener's port, or 0 for none
     * @param dataDirectory where Moquette keeps sessions, subscriptions and queued messages
     */
    public record Config(String bindAddress, int tlsPort, int plainPort, Path dataDirectory) {

        public Config {
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            if (tlsPort < 1 || tlsPort > 65_535) {
                throw new IllegalArgumentException("Broker TLS port must be 1-65535, got " + tlsPort);
            }
            if (plainPort < 0 || plainPort > 65_535) {
                throw new IllegalArgumentException("Broker plain port must be 0 (off) or 1-65535, got " + plainPort);
            }
            Objects.requireNonNull(dataDirectory, "dataDirectory");
        }
    }

    private final Server server = new Server();
    private final ExecutorService inboundExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Starts the broker.
     *
     * @param ca signs the broker's server certificate and is the only CA trusted for clients
     * @param inbound receives every accepted publish, on a thread of the broker's own
     * @throws IOException if a listener cannot bind or the TLS setup fails
     */
    public Broker(Config config, CertificateAuthority ca, Inbound inbound) throws IOException {
        this(config, ca, DeviceDirectory.OPEN, inbound);
    }

    /**
     * Starts the broker, letting TLS clients in only with certificates {@code devices} accepts,
     * and letting them read only their own account's broadcasts (and {@code all}).
     *
     * @throws IOException if a listener cannot bind or the TLS setup fails
     */
    public Broker(Config config, CertificateAuthority ca, DeviceDirectory devices, Inbound inbound) throws IOException {
        Objects.requireNonNull(inbound, "inbound");
        var tls = new ClientIdBindingSslContext(ServerTls.context(ca, config.bindAddress(), SERVER_CERTIFICATE_LIFETIME),
                devices);
        inboundExecutor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "broker-inbound");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server.startServer(new MemoryConfig(properties(config)),
                List.of(new InboundInterceptor(inbound, inboundExecutor)),
                () -> tls, null, new DeviceTopicPolicy(devices));
        } catch (IOException | RuntimeException e) {
            inboundExecutor.shutdownNow();
            throw new IOException("Cannot start the MQTT broker on " + config.bindAddress() + " port "
                + config.tlsPort() + ": " + e.getMessage(), e);
        }
        LOG.info("MQTT broker listening on {}: TLS port {}, plain port {}", config.bindAddress(), config.tlsPort(),
            config.plainPort() == 0 ? "off" : config.plainPort());
    }

    static Properties properties(Config config) {
        Properties p = new Properties();
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false"); // would call outside hosts
        p.setProperty(IConfig.HOST_PROPERTY_NAME, config.bindAddress());
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, config.dataDirectory().toAbsolutePath().toString());
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        // no passwords: clients are known by their certificate, or are local tools on the plain port
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.SSL_PORT_PROPERTY_NAME, Integer.toString(config.tlsPort()));
        p.setProperty(BrokerConstants.NEED_CLIENT_AUTH, "true");
        // Moquette listens on 1883 unless told otherwise
        p.setProperty(IConfig.PORT_PROPERTY_NAME,
            config.plainPort() == 0 ? BrokerConstants.DISABLED_PORT_BIND : Integer.toString(config.plainPort()));
        // one interceptor thread keeps Inbound's order; it only copies and hands over, so one is enough
        p.setProperty(BrokerConstants.BROKER_INTERCEPTOR_THREAD_POOL_SIZE, "1");
        p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        return p;
    }

    /**
     * Publishes a message from the cloud itself, bypassing authorisation: it reaches every
     * matching subscriber. Returns once Moquette has queued it to their sessions.
     *
     * @throws IllegalArgumentException if the topic is empty or holds a wildcard, or qos is not 0-2
     * @throws IllegalStateException if the broker is closed
     */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("Cannot publish to topic '" + topic + "'");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
        }
        var message = MqttMessageBuilders.publish()
            .topicName(topic)
            .qos(MqttQoS.valueOf(qos))
            .retained(retained)
            .payload(Unpooled.wrappedBuffer(payload)) // the builder copies it; internalPublish releases the copy
            .build();
        server.internalPublish(message, SERVER_CLIENT_ID);
    }

    /** Drops client {@code clientId}'s connection; false if it is not connected. */
    public boolean disconnect(String clientId) {
        return server.disconnectClient(clientId);
    }

    /**
     * Returns the ids of the clients connected now.
     *
     * @throws IllegalStateException if the broker is closed
     */
    public Set<String> connectedClients() {
        return server.listConnectedClients().stream()
            .map(ClientDescriptor::getClientID)
            .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Stops the listeners, closes every session and waits up to 5 s for the inbound listener to
     * finish what it was given. Later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stopServer();
        inboundExecutor.shutdown();
        try {
            if (!inboundExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                inboundExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            inboundExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
