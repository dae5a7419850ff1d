package org.openioto.mqtt.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.MqttStatus;
import org.openioto.mqtt.Qos;
import org.openioto.mqtt.internal.queue.DurableQueue;
import org.openioto.mqtt.internal.queue.QueuedMessage;
import org.osgi.service.log.Logger;

/**
 * The connection's own thread: connects (forever, with backoff), subscribes, and sends the
 * outbox in order, at most {@code window} messages unacknowledged. After every reconnect it
 * starts again from the oldest message not yet acknowledged, so nothing accepted is lost.
 *
 * <p>While the link is up and nothing holds publishing back, the thread that appended a message
 * or received an acknowledgement sends what it can itself ({@link #kick}): a hand-off to this
 * thread would cost a wake-up per message. One lock per connection keeps the sends in queue
 * order and each message sent once per connection, whichever thread sends it.
 */
final class Sender {

    private static final long POLL_MILLIS = 200;
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final long CONNECT_TIMEOUT = 30_000;
    /** How long a wait for the schedule lasts before it looks again. */
    private static final long SCHEDULE_LOOK_MILLIS = 60_000;

    private final Settings settings;
    private final String clientId;
    private final DurableQueue outbox;
    private final PublicationFutures publications;
    private final Throttle throttle;
    private final Logger log;
    private final Consumer<MqttMessage> arrived;
    private final BiConsumer<String, Map<String, Object>> post;
    private final Backoff backoff;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Object wakeup = new Object();
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Session session;
    private volatile String state = "disconnected";
    private volatile String lastError;
    private volatile long blockedUntil;
    private final ConnectTimes times;
    /** Something waits for a connection: a subscription made, or a message queued, while down. */
    private volatile boolean demand;
    /** True while the thread waits for the schedule, which demand cuts short. */
    private volatile boolean awaitingDemand;
    /** When a message was last sent or received, or the connection made (ms since the epoch). */
    private volatile long lastActivity;
    private long lastConnect;
    private long connectAt = -1;
    private Router router;

    Sender(Settings settings, String clientId, DurableQueue outbox, PublicationFutures publications, Throttle throttle,
            Logger log, Consumer<MqttMessage> arrived, BiConsumer<String, Map<String, Object>> post) {
        this.settings = settings;
        this.clientId = clientId;
        this.outbox = outbox;
        this.publications = publications;
        this.throttle = throttle;
        this.log = log;
        this.arrived = arrived;
        this.post = post;
        this.backoff = new Backoff(settings.backoffFirst(), settings.backoffMax(), clientId.hashCode());
        this.times = new ConnectTimes(settings.connect(), Clock.systemDefaultZone(), clientId.hashCode());
    }

    void start(Router router) {
        this.router = router;
        running = true;
        thread = new Thread(this::run, "openioto-mqtt");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        Session s = session;
        if (s != null) {
            s.link.close();
            s.failQos0Sends();
        }
        state = "stopped";
    }

    void subscribe(Router.Entry e) {
        Session s = session;
        if (s != null) {
            s.link.subscribe(e.filter, e.qos.value(), cause -> log.warn("Subscribe to {} failed: {}", e.filter, cause.toString()));
        } else {
            demand();
        }
    }

    void unsubscribe(String filter) {
        Session s = session;
        if (s != null) {
            s.link.unsubscribe(filter);
        }
    }

    /**
     * Sends what the window allows now, on the calling thread, unless the link is down, the
     * throttle holds publishing back, or another thread is sending (it or this connection's
     * thread will send the rest).
     */
    void kick() {
        Session s = session;
        if (s == null) {
            demand();
        } else if (!s.lost && throttle.delay() == 0 && blockedUntil <= System.currentTimeMillis()
                && s.sending.tryLock()) {
            try {
                sendAllowed(s, Integer.MAX_VALUE);
            } finally {
                s.sending.unlock();
            }
        }
    }

    /**
     * Sends a QoS 0 message straight to the network from the caller's thread when nothing is
     * queued ahead of it, the link is up and nothing holds publishing back. The messages waiting
     * in Paho's buffer this way are bounded like the queue (mqtt.queueCount, mqtt.queueSize).
     * {@code sent} completes once the message is written, or fails if the connection goes first.
     *
     * @return false if the message must go through the queue instead
     */
    boolean sendQos0Now(String topic, byte[] payload, boolean retain, CompletableFuture<Void> sent) {
        Session s = session;
        long size = (long) topic.length() + payload.length;
        if (s == null || s.lost || !queueIsEmpty() || throttle.delay() > 0 || !s.qos0.take(size)) {
            return false;
        }
        s.qos0Sends.add(sent);
        try {
            s.link.publishQos0(topic, payload, retain, failure -> {
                if (!s.qos0Sends.remove(sent)) {
                    return;
                }
                s.qos0.give(size);
                if (failure == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(unwritten(failure));
                }
            });
            this.sent.incrementAndGet();
            lastActivity = System.currentTimeMillis();
            return true;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            s.qos0Sends.remove(sent);
            s.qos0.give(size);
            return false;
        }
    }

    private static org.openioto.mqtt.MqttException unwritten(Throwable why) {
        return new org.openioto.mqtt.MqttException("the connection was lost before the QoS 0 message was written: "
                + Errors.describe(why), why);
    }

    private boolean queueIsEmpty() {
        return outbox.isEmpty();
    }

    /** Drops the connection and stays away until {@code until} (ms since the epoch). */
    void block(long until) {
        blockedUntil = until;
        Session s = session;
        if (s != null) {
            s.link.close();
        }
    }

    MqttStatus status(String endpoint, long queued) {
        Session s = session;
        long inFlight = s == null ? 0 : settings.window() - s.window.availablePermits();
        return new MqttStatus(state, endpoint, inFlight, queued, sent.get(), received.get(), Optional.ofNullable(lastError));
    }

    private void run() {
        long lastWarn = 0;
        while (running) {
            try {
                long blocked = blockedUntil - System.currentTimeMillis();
                if (blocked > 0) {
                    state = "blocked";
                    pause(blocked);
                    continue;
                }
                if (!settings.hasEndpoint()) {
                    state = "waiting for an endpoint (mqtt.endpoint 'auto': from provisioning)";
                    pause(Long.MAX_VALUE);
                    continue;
                }
                if (!timeToConnect()) {
                    continue;
                }
                state = "connecting";
                Session s = new Session();
                try {
                    s.link = new Link(settings, clientId, sockets(), s, CONNECT_TIMEOUT);
                } catch (Exception e) {
                    lastError = Errors.describe(e);
                    state = "disconnected";
                    Duration wait = backoff.next();
                    if (System.currentTimeMillis() - lastWarn > WARN_EVERY_MILLIS) {
                        lastWarn = System.currentTimeMillis();
                        log.warn("Cannot connect to mqtt: {}: {}; retrying in {} ms (attempt {})", settings.endpoint(),
                                lastError, wait.toMillis(), backoff.attempts());
                    }
                    pause(wait.toMillis());
                    continue;
                }
                lastWarn = 0;
                connected(s);
                boolean idle = send(s);
                session = null;
                s.link.close();
                s.failQos0Sends();
                if (running) {
                    closed(s, idle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Answers whether the schedule, the delay since the last connect and demand let a connection
     * be made now; else waits a while (cut short by demand) and answers false.
     */
    private boolean timeToConnect() throws InterruptedException {
        boolean wanted = demand || !queueIsEmpty();
        long now = System.currentTimeMillis();
        if (connectAt < 0 || wanted) {
            long wait = times.waitMillis(wanted, lastConnect);
            connectAt = wait == Long.MAX_VALUE ? Long.MAX_VALUE : now + wait;
            if (!wanted && wait >= 1000 && wait != Long.MAX_VALUE) {
                log.info("Schedule MQTT connect in {} secs", wait / 1000);
            }
        }
        if (now >= connectAt) {
            connectAt = -1;
            return true;
        }
        if (wanted) {
            // only mqtt.delay holds the connect back; demand cannot cut that short
            state = "waiting for mqtt.delay";
            pause(Math.min(connectAt - now, SCHEDULE_LOOK_MILLIS));
            return false;
        }
        state = connectAt == Long.MAX_VALUE ? "idle: connects when there is something to send" : "scheduled";
        synchronized (wakeup) {
            awaitingDemand = true;
            try {
                if (running && !demand && queueIsEmpty()) {
                    wakeup.wait(Math.min(connectAt - now, SCHEDULE_LOOK_MILLIS));
                }
            } finally {
                awaitingDemand = false;
            }
        }
        return false;
    }

    /** Something waits for the connection: connect now, whatever the schedule (as Ioto does). */
    private void demand() {
        demand = true;
        if (awaitingDemand) {
            synchronized (wakeup) {
                wakeup.notifyAll();
            }
        }
    }

    private void connected(Session s) {
        session = s;
        lastConnect = System.currentTimeMillis();
        lastActivity = lastConnect;
        demand = false;
        state = "connected";
        log.info("Connected to mqtt: {}", settings.endpoint());
        router.masters().forEach(m -> subscribeNow(s, m, Qos.AT_LEAST_ONCE));
        router.networkSubscriptions().forEach(e -> subscribeNow(s, e.filter, e.qos));
        post.accept("CONNECTED", Map.of("endpoint", settings.endpoint()));
    }

    /** After a connection ended: by idleness, quietly; else with a warning and a backoff. */
    private void closed(Session s, boolean idle) throws InterruptedException {
        post.accept("DISCONNECTED", Map.of("endpoint", settings.endpoint()));
        if (idle) {
            state = "idle: connects when there is something to send";
            log.info("Closed the idle cloud connection: nothing to send (mqtt.timeout)");
            return;
        }
        state = "disconnected";
        log.warn("Cloud connection closed: {}", s.cause == null ? "closed" : Errors.describe(s.cause));
        if (System.currentTimeMillis() - lastConnect >= settings.stable().toMillis()) {
            backoff.reset();
        }
        pause(backoff.next().toMillis());
    }

    /**
     * Sends the outbox, oldest first, until the connection is lost, the sender stops, or the
     * connection has been idle too long (see {@link ConnectTimes}).
     *
     * @return true if it ended for idleness
     */
    private boolean send(Session s) throws InterruptedException {
        while (running && !s.lost && blockedUntil <= System.currentTimeMillis()) {
            if (outbox.awaitNext(s.cursor, Duration.ofMillis(POLL_MILLIS)).isEmpty()) {
                if (queueIsEmpty() && times.idleTooLong(lastActivity)) {
                    return true;
                }
                continue;
            }
            long delay = throttle.delayBeforePublish(System.currentTimeMillis());
            if (delay > 0) {
                pause(delay);
            }
            // wait for room in the window; the permit goes back at once, sendAllowed takes it again
            if (!s.window.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                continue;
            }
            s.window.release();
            s.sending.lockInterruptibly();
            try {
                // throttled, one message per delay
                sendAllowed(s, delay > 0 ? 1 : Integer.MAX_VALUE);
            } finally {
                s.sending.unlock();
            }
        }
        return false;
    }

    /** Sends up to {@code most} messages after the session's cursor, as the window allows. Holds {@code s.sending}. */
    private void sendAllowed(Session s, int most) {
        for (int n = 0; n < most && !s.lost && s.window.tryAcquire(); n++) {
            Optional<QueuedMessage> next = outbox.next(s.cursor);
            if (next.isEmpty()) {
                s.window.release();
                return;
            }
            QueuedMessage m = next.get();
            try {
                s.link.publish(m);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                s.window.release();
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                    s.lost(e);
                }
                // else Paho counts a message out a moment after it reports it: the next kick or poll sends this one
                return;
            }
            s.cursor = m.id();
            sent.incrementAndGet();
            lastActivity = System.currentTimeMillis();
            publications.sent(m.id());
        }
    }

    private void subscribeNow(Session s, String filter, Qos qos) {
        s.link.subscribe(filter, qos.value(), cause -> log.warn("Subscribe to {} failed: {}", filter, cause.toString()));
    }

    private SocketFactory sockets() throws Exception {
        return settings.tls() ? TlsForMqtt.sockets(settings) : new BufferedSockets();
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (wakeup) {
            if (running && millis > 0) {
                wakeup.wait(Math.min(millis, Integer.MAX_VALUE));
            }
        }
    }

    /** One connection's bookkeeping: its link, its in-flight window, and whether it was lost. */
    private final class Session implements Link.Listener {
        final Semaphore window = new Semaphore(settings.window());
        final Budget qos0 = new Budget(settings.queueCount(), settings.queueBytes());
        /** The QoS 0 messages sent past the queue and not yet written: Paho forgets them when the link goes. */
        final Set<CompletableFuture<Void>> qos0Sends = ConcurrentHashMap.newKeySet();
        /** Held while sending; guards the order of sends. */
        final ReentrantLock sending = new ReentrantLock();
        /** The id of the last message sent on this connection; written only under {@link #sending}. */
        volatile long cursor;
        volatile Link link;
        volatile boolean lost;
        volatile Throwable cause;

        /** Fails the QoS 0 messages Paho still held when the link went; only once each. */
        void failQos0Sends() {
            Throwable why = cause == null ? new IllegalStateException("the connection closed") : cause;
            for (CompletableFuture<Void> f : qos0Sends) {
                if (qos0Sends.remove(f)) {
                    f.completeExceptionally(unwritten(why));
                }
            }
        }

        @Override
        public void lost(Throwable why) {
            cause = why;
            lost = true;
            lastError = why == null ? "connection lost" : Errors.describe(why);
        }

        @Override
        public void arrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            received.incrementAndGet();
            lastActivity = System.currentTimeMillis();
            Sender.this.arrived.accept(new MqttMessage(topic, message.getPayload(), Qos.of(message.getQos()),
                    message.isRetained(), message.isDuplicate()));
        }

        @Override
        public void delivered(long id) {
            window.release();
            outbox.ack(id);
            publications.acknowledged(id);
            kick();
        }
    }
}
