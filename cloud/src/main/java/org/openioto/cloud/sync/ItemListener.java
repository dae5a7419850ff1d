package org.openioto.cloud.sync;

import java.util.Map;

/**
 * Told about each item a device wrote, once it is stored and acknowledged: how synced items feed
 * metrics. Called on the device's lane, so it must be quick and must not throw.
 */
@FunctionalInterface
interface ItemListener {

    /** Listens to nothing. */
    ItemListener NONE = (deviceId, model, item) -> { };

    /** Item {@code item} (its JSON) of {@code model} was stored for {@code deviceId}. */
    void stored(String deviceId, String model, Map<String, Object> item);
}
