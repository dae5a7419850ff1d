package org.openioto.mqtt;

import org.osgi.annotation.versioning.ProviderType;

/** A live subscription; closing it unsubscribes. Subscriptions are renewed after every reconnect. */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** The topic filter, with {@code +} and {@code #} wildcards. */
    String filter();

    /** Stops delivery to the handler; unsubscribes at the broker unless a master subscription covers it. */
    @Override
    void close();
}
