package org.openioto.mqtt.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openioto.identity.DeviceIdentity;
import org.openioto.mqtt.MessageHandler;
import org.openioto.mqtt.MqttConnection;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.MqttStatus;
import org.openioto.mqtt.Publication;
import org.openioto.mqtt.Qos;
import org.openioto.mqtt.Subscription;
import org.openioto.mqtt.internal.queue.DurableQueue;
import org.openioto.mqtt.internal.queue.QueueSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The device's MQTT connection on Eclipse Paho: publishes go through a durable outbox and are
 * sent by one sender thread, which reconnects forever with exponential backoff and per-device
 * jitter; received messages are routed to local subscriptions on a dispatch thread.
 */
@Component(service = MqttConnection.class, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = PahoMqttConnection.Config.class)
public final class PahoMqttConnection implements MqttConnection {

    @ObjectClassDefinition(name = "OpenIoto MQTT", description = "The MQTT connection to the device cloud (mqtt in ioto.json5)")
    public @interface Config {
        @AttributeDefinition(description = "Broker: host (TLS on port), mqtts://host:port or mqtt://host:port; 'auto' = from provisioning")
        String endpoint() default "auto";

        @AttributeDefinition(description = "Port when the endpoint is a plain host")
        int port() default 443;

        @AttributeDefinition(required = false, description = "Client ID; the claim ID when empty or 'auto'")
        String client() default "";

        @AttributeDefinition(required = false, description = "Client certificate (PEM)")
        String certificate() default "";

        @AttributeDefinition(required = false, description = "1.x name of certificate")
        String cert() default "";

        @AttributeDefinition(required = false, description = "Client private key (PEM)")
        String key() default "";

        @AttributeDefinition(required = false, description = "CA certificates that may sign the broker's certificate (PEM)")
        String authority() default "";

        @AttributeDefinition(required = false, description = "1.x name of authority")
        String ca() default "";

        @AttributeDefinition(required = false, description = "ALPN protocols offered, comma separated")
        String alpn() default "x-amzn-mqtt-ca";

        @AttributeDefinition(description = "Keepalive interval")
        String keepalive() default "20 mins";

        @AttributeDefinition(description = "When to connect: a cron (minute hour day month weekday) or anytime, day, "
                + "weekdays, workhours, midnight, night; never or unscheduled: on demand only")
        String schedule() default "anytime";

        @AttributeDefinition(description = "Least time from one connect to the next")
        String delay() default "0";

        @AttributeDefinition(description = "A scheduled connect waits a random time below this")
        String jitter() default "0";

        @AttributeDefinition(description = "Outside the schedule, an idle connection closes after this (0 or never: it stays)")
        String timeout() default "1 min";

        @AttributeDefinition(description = "First reconnect wait (full jitter below it)")
        String backoff() default "1 sec";

        @AttributeDefinition(description = "Longest reconnect wait")
        String backoffMax() default "2 mins";

        @AttributeDefinition(description = "A connection that lasts this long resets the backoff")
        String stable() default "1 min";

        @AttributeDefinition(description = "Messages in flight (sent, not yet acknowledged)")
        int window() default 1000;

        @AttributeDefinition(description = "Largest payload sent or received (AWS IoT: 128k)")
        String maxMessage() default "128k";

        @AttributeDefinition(description = "Longest topic, in UTF-8 bytes")
        int maxTopic() default 256;

        @AttributeDefinition(description = "Most messages queued")
        int queueCount() default 100000;

        @AttributeDefinition(description = "Most bytes queued")
        String queueSize() default "64mb";

        @AttributeDefinition(description = "How often queued messages are forced to disk")
        String flush() default "100 ms";

        @AttributeDefinition(name = "directories.state")
        String directories_state() default "state";
    }

    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;

    private final Settings settings;
    private final DeviceIdentity identity;
    private final Logger log;
    private final DurableQueue outbox;
    private final PublicationFutures publications = new PublicationFutures();
    private final Router router;
    private final Requests requests;
    private final Throttle throttle = new Throttle();
    /** The reply filters of request topics already routed to {@link #requests}. */
    private final Set<String> replyRoutes = ConcurrentHashMap.newKeySet();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(r -> new Thread(r, "openioto-mqtt-dispatch"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openioto-mqtt-timer"));
    private final Sender sender;

    /** Optional and dynamic: EventAdmin coming or going must not drop the MQTT connection. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public PahoMqttConnection(Config config, @Reference DeviceIdentity identity, @Reference LoggerFactory logs) {
        this.settings = Settings.from(config);
        this.identity = identity;
        this.log = logs.getLogger("mqtt");
        this.outbox = openQueue(settings);
        this.requests = new Requests(timer);
        this.sender = new Sender(settings, settings.client().orElse(identity.claimId()), outbox, publications,
                throttle, log, this::arrived, this::post);
        this.router = new Router(List.of(deviceTopic("#")), dispatch, log, sender::subscribe, sender::unsubscribe);
        router.add(deviceTopic("mqtt/throttle"), Qos.AT_LEAST_ONCE, this::throttled);
        sender.start(router);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        sender.stop();
        requests.failAll("the MQTT connection stopped");
        publications.stopAll();
        dispatch.shutdown();
        timer.shutdownNow();
        dispatch.awaitTermination(5, TimeUnit.SECONDS);
        try {
            outbox.close();
        } catch (java.io.IOException e) {
            log.warn("Closing the MQTT queue failed; it is replayed at the next start: {}", e.toString());
        }
    }

    private DurableQueue openQueue(Settings s) {
        try {
            return DurableQueue.open(QueueSettings.of(s.stateDir().resolve("mqtt/queue"), s.queueCount(), s.queueBytes(),
                    s.flush()), log, dropped -> publications.dropped(dropped.id()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(Settings.PID + ": cannot open the message queue in "
                    + s.stateDir().resolve("mqtt/queue") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Publication publish(String topic, byte[] payload, Qos qos, boolean retain) {
        Topics.checkTopic(topic, settings.maxTopic());
        if (payload.length > settings.maxMessage()) {
            throw new MqttException("payload of " + payload.length + " bytes to " + topic + " is over the limit of "
                    + settings.maxMessage() + " bytes (mqtt.maxMessage)");
        }
        if (qos == Qos.AT_MOST_ONCE) {
            // fire and forget needs no queue while the link is up and nothing waits ahead of it
            CompletableFuture<Void> sent = publications.direct();
            if (sender.sendQos0Now(topic, payload.clone(), retain, sent)) {
                return new PublicationFutures.Stages(sent, sent);
            }
            sent.cancel(false);
        }
        // the queue copies the payload and wakes the sender, unless this thread can send it now
        Publication p = publications.publish(outbox, topic, payload, qos, retain);
        sender.kick();
        return p;
    }

    @Override
    public Subscription subscribe(String filter, Qos qos, MessageHandler handler) {
        return router.add(Topics.checkFilter(filter, settings.maxTopic()), qos, handler);
    }

    @Override
    public CompletionStage<MqttMessage> request(String topic, byte[] body, Duration timeout) {
        String replies = deviceTopic(topic + "/+");
        if (replyRoutes.add(replies)) {
            router.add(replies, Qos.AT_LEAST_ONCE, requests::complete);
        }
        Map.Entry<Integer, CompletableFuture<MqttMessage>> r = requests.open(topic, timeout);
        try {
            publish(serviceTopic(topic + "/" + r.getKey()), body, Qos.AT_LEAST_ONCE, false);
        } catch (RuntimeException e) {
            requests.fail(r.getKey(), e);
        }
        return r.getValue().thenApplyAsync(m -> m, dispatch);
    }

    @Override
    public String deviceTopic(String rest) {
        return "ioto/device/" + identity.claimId() + "/" + rest;
    }

    @Override
    public String serviceTopic(String rest) {
        return "ioto/service/" + identity.claimId() + "/" + rest;
    }

    @Override
    public MqttStatus status() {
        return sender.status(settings.hasEndpoint() ? settings.endpoint() : "", outbox.counts().count());
    }

    private void arrived(MqttMessage message) {
        if (message.payload().length > settings.maxMessage()) {
            log.warn("Dropped a message of {} bytes to {}: over mqtt.maxMessage", message.payload().length, message.topic());
            return;
        }
        router.route(message);
    }

    private void throttled(MqttMessage message) {
        ThrottleNotice.parse(message.text()).ifPresentOrElse(n -> {
            if (throttle.notice(n.timestamp(), n.close(), System.currentTimeMillis())) {
                log.warn(n.close() ? "Cloud connection blocked due to persistent excessive I/O for 1 hour"
                        : "Cloud asks to slow down: {} ms between messages", throttle.delay());
                post("THROTTLED", Map.of("delay", throttle.delay(), "close", n.close()));
                if (n.close()) {
                    sender.block(throttle.blockedUntil());
                }
            }
        }, () -> log.warn("Ignored a malformed throttle notice on {}", message.topic()));
    }

    private void post(String what, Map<String, Object> properties) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(new org.osgi.service.event.Event("org/openioto/mqtt/" + what, properties));
        }
    }
}
