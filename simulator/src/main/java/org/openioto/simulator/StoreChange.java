package org.openioto.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openioto.cloud.http.Json;

/**
 * One Store change as Ioto's sync sends it: a {@code db/syncToDynamo} batch of one {@code upsert}
 * of the Store item {@code s#<key>}, with the value as a string, as the agent writes it:
 * <pre>
 * {"seq":N,"changes":[{"cmd":"upsert","key":"s#counter","item":{"key":"counter","value":"7",
 *   "type":"number","deviceId":ID,"accountId":ACCOUNT,"sk":"s#counter","_type":"Store","updated":ISO}}]}
 * </pre>
 */
final class StoreChange {

    /** The basic-ingest topic Ioto publishes its sync batches to. */
    static String topic(String deviceId) {
        return "$aws/rules/IotoDevice/ioto/service/" + deviceId + "/db/syncToDynamo";
    }

    /** The topic the cloud acknowledges a batch on. */
    static String ackTopic(String deviceId) {
        return "ioto/device/" + deviceId + "/sync/SYNC";
    }

    private StoreChange() {
    }

    /**
     * The batch that sets Store item {@code key} of the device to the number {@code value}.
     *
     * @param updated the item's {@code updated}, which the cloud compares as an ISO-8601 string
     */
    static byte[] batch(long seq, String deviceId, String accountId, String key, long value, Instant updated) {
        String sk = "s#" + key;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", key);
        item.put("value", Long.toString(value));
        item.put("type", "number");
        item.put("deviceId", deviceId);
        item.put("accountId", accountId);
        item.put("sk", sk);
        item.put("_type", "Store");
        item.put("updated", iso(updated));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("cmd", "upsert");
        change.put("key", sk);
        change.put("item", item);
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("seq", seq);
        batch.put("changes", List.of(change));
        return Json.write(batch);
    }

    /** Ioto's timestamps: UTC with exactly three fraction digits, e.g. {@code 2026-11-22T02:30:29.842Z}. */
    static String iso(Instant t) {
        return ISO.format(t);
    }

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The {@code seq} of an ack {@code {"seq":N,"keys":[...],"updated":ISO}}, or -1 if it has no whole-number seq. */
    static long ackSeq(byte[] payload) {
        try {
            Object seq = Json.parseObject(payload, MAX_ACK).get("seq");
            return seq instanceof Integer || seq instanceof Long ? ((Number) seq).longValue() : -1;
        } catch (Json.MalformedException e) {
            return -1;
        }
    }

    private static final int MAX_ACK = 64 * 1024;
}
