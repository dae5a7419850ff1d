package org.openioto.cloud.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.openioto.cloud.broker.Inbound;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.http.Json;
import org.openioto.cloud.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud half of Ioto's database sync and Store protocol, taking device messages from the
 * broker: {@code db/syncToDynamo}, {@code db/syncDown}, {@code store/set}, {@code store/get},
 * {@code metric/set} and {@code metric/get} on
 * {@code ioto/service/{id}/...}, with or without the {@code $aws/rules/IotoDevice/} prefix.
 *
 * <p>{@link #accept} only checks the topic and queues the message on the device's lane, so the
 * broker's thread never waits on the database; each device's messages are handled in order. A
 * message that cannot be handled is logged in one line and dropped. Replies go out through the
 * {@link Downlink} given to {@link #attach}; until then messages are dropped.
 */
public final class Sync implements Inbound, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sync.class);

    /** The broker's own limit (AWS IoT's); nothing larger can have come from a device. */
    static final int MAX_MESSAGE_BYTES = 131_072;

    private static final int LANES = 4;

    private volatile Downlink downlink;
    private final Lanes lanes = new Lanes(LANES);
    private final ItemSync items;
    private final StoreRequests store;
    private final CloudStore cloudStore;
    private final CloudCommands commands;
    private final MetricRequests metricRequests;

    /** Sync without metrics: metric messages are dropped. */
    public Sync(Database db, Clock clock) {
        this(db, clock, null);
    }

    /** Sync keeping device metrics, and those derived from stored items, in {@code metrics}. */
    public Sync(Database db, Clock clock, Metrics metrics) {
        Downlink attached = new Downlink() {
            @Override
            public void send(String topic, byte[] payload) {
                current().send(topic, payload);
            }

            @Override
            public boolean connected(String deviceId) {
                return current().connected(deviceId);
            }
        };
        ItemListener listener = metrics != null ? metrics::itemStored : ItemListener.NONE;
        items = new ItemSync(db, clock, attached, listener);
        store = new StoreRequests(db, clock, attached, listener);
        metricRequests = new MetricRequests(metrics, attached);
        CloudWrites writes = new CloudWrites(lanes, items, attached);
        cloudStore = new CloudStore(db, clock, writes);
        commands = new CloudCommands(db, clock, writes);
    }

    /** Sets where replies and cloud-side changes go, normally {@code Downlink.of(broker)}. */
    public void attach(Downlink downlink) {
        this.downlink = downlink;
    }

    /** The cloud side's way to change a device's Store items. */
    public CloudStore store() {
        return cloudStore;
    }

    /** The cloud side's way to send a device commands. */
    public CloudCommands commands() {
        return commands;
    }

    private Downlink current() {
        Downlink d = downlink;
        if (d == null) {
            throw new IllegalStateException("no downlink attached yet");
        }
        return d;
    }

    @Override
    public void accept(String clientId, String topic, byte[] payload) {
        Optional<Request> parsed = Request.parse(topic);
        if (parsed.isEmpty()) {
            return; // not a service request; other parts of the cloud may want it
        }
        Request request = parsed.get();
        if (!request.deviceId().equals(clientId)) {
            LOG.warn("Dropped a message from {} on {}: the topic names another device", clientId, topic);
            return;
        }
        try {
            lanes.run(clientId, () -> handle(request, topic, payload));
        } catch (RejectedExecutionException e) {
            LOG.warn("Dropped a message from {} on {}: sync is closed or too far behind", clientId, topic);
        }
    }

    private void handle(Request request, String topic, byte[] payload) {
        String device = request.deviceId();
        try {
            switch (request.service()) {
                case "db/syncToDynamo" -> items.up(device, json(payload));
                case "db/syncDown" -> items.down(device, json(payload));
                case "store/set" -> store.set(request, json(payload));
                case "store/get" -> store.get(request, json(payload));
                case "metric/set" -> metricRequests.set(request, json(payload));
                case "metric/get" -> metricRequests.get(request, json(payload));
                default -> LOG.debug("No sync handler for {} from {}", topic, device);
            }
        } catch (BadMessage e) {
            LOG.warn("Dropped a message from {} on {}: {}", device, topic, e.getMessage());
        } catch (SQLException e) {
            LOG.warn("Dropped a message from {} on {}: database: {}", device, topic, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Dropped a message from {} on {}: {}", device, topic, e.toString());
        }
    }

    private static Map<String, Object> json(byte[] payload) throws BadMessage {
        if (payload.length > MAX_MESSAGE_BYTES) {
            throw new BadMessage(payload.length + " bytes, over " + MAX_MESSAGE_BYTES);
        }
        try {
            return Json.parseObject(payload, MAX_MESSAGE_BYTES);
        } catch (Json.MalformedException e) {
            // Jackson's message quotes the payload, which is not for the log
            throw new BadMessage("not a JSON object");
        }
    }

    /** Finishes the queued messages, waiting up to 5 s; later messages are dropped. */
    @Override
    public void close() {
        lanes.close();
    }
}
