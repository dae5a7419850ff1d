package org.openioto.cloud.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code db/syncToDynamo} batch: {@code {"seq":N,"changes":[{"cmd":"upsert","key":"s#counter","item":{...}}]}}.
 *
 * @param seq the device's batch number, echoed in the ack exactly as sent
 * @param changes the changes in the device's order
 */
record Batch(Number seq, List<Change> changes) {

    /** Ioto's DB_MAX_KEY. */
    static final int MAX_KEY = 1024;

    private static final Set<String> COMMANDS = Set.of("create", "update", "upsert", "remove");

    /**
     * One changed item.
     *
     * @param updated the item's {@code updated}, or null if it has none
     * @param model the item's {@code _type}, or null (allowed only for a removal)
     */
    record Change(String cmd, String key, Map<String, Object> item, String updated, String model) {

        boolean removal() {
            return cmd.equals("remove");
        }
    }

    /** Reads a batch, rejecting it whole if any part is not as Ioto sends it. */
    static Batch parse(Map<String, Object> json) throws BadMessage {
        if (!(json.get("seq") instanceof Number seq) || seq instanceof Double || seq instanceof java.math.BigDecimal) {
            throw new BadMessage("seq is not an integer");
        }
        if (!(json.get("changes") instanceof List<?> list)) {
            throw new BadMessage("changes is not an array");
        }
        List<Change> changes = new ArrayList<>();
        for (Object o : list) {
            changes.add(change(o));
        }
        return new Batch(seq, changes);
    }

    @SuppressWarnings("unchecked")
    private static Change change(Object o) throws BadMessage {
        if (!(o instanceof Map<?, ?> map)) {
            throw new BadMessage("a change is not an object");
        }
        if (!(map.get("cmd") instanceof String cmd) || !COMMANDS.contains(cmd)) {
            throw new BadMessage("a change has no known cmd");
        }
        if (!(map.get("key") instanceof String key) || key.isEmpty() || key.length() > MAX_KEY) {
            throw new BadMessage("a change has no valid key");
        }
        Object itemValue = map.get("item");
        Map<String, Object> item;
        if (itemValue instanceof Map<?, ?> m) {
            item = new LinkedHashMap<>((Map<String, Object>) m);
        } else if (itemValue == null && cmd.equals("remove")) {
            item = new LinkedHashMap<>(); // a removal needs only the key
        } else {
            throw new BadMessage("change " + key + " has no item object");
        }
        Object updated = item.get("updated");
        if (updated != null && !(updated instanceof String s && s.length() <= Timestamps.MAX_LENGTH)) {
            throw new BadMessage("change " + key + " has an invalid updated");
        }
        Object model = item.get("_type");
        if (model != null && !(model instanceof String t && !t.isEmpty() && t.length() <= 64)) {
            throw new BadMessage("change " + key + " has an invalid _type");
        }
        if (model == null && !cmd.equals("remove")) {
            throw new BadMessage("change " + key + " has no _type");
        }
        return new Change(cmd, key, item, (String) updated, (String) model);
    }
}
