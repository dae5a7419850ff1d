package org.openioto.mqtt.internal;

import org.osgi.service.log.Logger;

/** LOCAL SCAFFOLD, replaced by the durable queue. */
final class Outboxes {
    private Outboxes() {
    }

    static Outbox open(Settings settings, Logger log) {
        return new MemoryOutbox(settings.queueCount());
    }
}
