package org.openioto.cloud.sync;

import java.util.Map;

/**
 * One synced item as the cloud keeps it: the device's JSON document under its sort key.
 *
 * @param sk the item's sort key, Ioto's local key (e.g. {@code s#counter})
 * @param model the item's {@code _type}
 * @param data the whole item JSON, as last written
 * @param updated the item's {@code updated} timestamp, which decides conflicts
 * @param deleted true for a removed item kept so the removal can be synced down
 * @param origin {@link #DEVICE} or {@link #CLOUD}: who wrote it last
 */
record Item(String sk, String model, Map<String, Object> data, String updated, boolean deleted, String origin) {

    static final String DEVICE = "device";
    static final String CLOUD = "cloud";
}
