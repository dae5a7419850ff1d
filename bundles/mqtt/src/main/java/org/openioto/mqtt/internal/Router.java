package org.openioto.mqtt.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.openioto.mqtt.MessageHandler;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.Qos;
import org.openioto.mqtt.Subscription;
import org.osgi.service.log.Logger;

/**
 * Routes received messages to the local subscriptions whose filter matches, on the dispatch
 * executor (never the network thread). A handler that throws is logged and the others still run.
 * Filters under a master subscription need no network SUBSCRIBE; the others are subscribed at
 * the broker through {@code network}, now and after every reconnect.
 */
final class Router {

    /** A local subscription. */
    final class Entry implements Subscription {
        final String filter;
        final Qos qos;
        final MessageHandler handler;

        Entry(String filter, Qos qos, MessageHandler handler) {
            this.filter = filter;
            this.qos = qos;
            this.handler = handler;
        }

        @Override
        public String filter() {
            return filter;
        }

        @Override
        public void close() {
            if (entries.remove(this) && !coveredByMaster(filter)
                    && entries.stream().noneMatch(e -> e.filter.equals(filter))) {
                unsubscribe.accept(filter);
            }
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<String> masters;
    private final ExecutorService dispatch;
    private final Logger log;
    private final Consumer<Entry> subscribe;
    private final Consumer<String> unsubscribe;

    /**
     * @param masters filters subscribed at the broker once, such as {@code ioto/device/<id>/#}
     * @param subscribe asks the broker for a filter that no master covers (when connected)
     * @param unsubscribe tells the broker a filter is no longer wanted
     */
    Router(List<String> masters, ExecutorService dispatch, Logger log, Consumer<Entry> subscribe,
            Consumer<String> unsubscribe) {
        this.masters = List.copyOf(masters);
        this.dispatch = dispatch;
        this.log = log;
        this.subscribe = subscribe;
        this.unsubscribe = unsubscribe;
    }

    Entry add(String filter, Qos qos, MessageHandler handler) {
        Entry e = new Entry(filter, qos, handler);
        entries.add(e);
        if (!coveredByMaster(filter)) {
            subscribe.accept(e);
        }
        return e;
    }

    /** The filters to subscribe at the broker after a connect: the masters, then the rest. */
    List<Entry> networkSubscriptions() {
        return entries.stream().filter(e -> !coveredByMaster(e.filter)).toList();
    }

    List<String> masters() {
        return masters;
    }

    /** Hands {@code message} to every matching handler, in order, on the dispatch executor. */
    void route(MqttMessage message) {
        for (Entry e : entries) {
            if (Topics.matches(e.filter, message.topic())) {
                dispatch.execute(() -> deliver(e, message));
            }
        }
    }

    private void deliver(Entry e, MqttMessage message) {
        try {
            e.handler.handle(message);
        } catch (RuntimeException | LinkageError ex) {
            log.warn("The handler of {} failed on a message to {}: {}", e.filter, message.topic(), ex.toString());
        }
    }

    private boolean coveredByMaster(String filter) {
        return masters.stream().anyMatch(m -> m.endsWith("/#") && filter.startsWith(m.substring(0, m.length() - 1)));
    }
}
