package org.openioto.cloud.metrics;

import java.util.List;
import java.util.Map;

/**
 * A metric taken from synced items, as a schema's {@code process.<Model>.metrics} entry: items of
 * {@code model} whose fields equal everything in {@code where} give the number in {@code field}
 * (a JSON number or a numeric string, as Store values are) as metric {@code metric}, with
 * dimensions named by {@code dimensions} (dimension name to item field). The field
 * {@link #DEVICE_ID} always stands for the device that synced the item, never for what the item
 * says. An empty {@code dimensions} is the fleet.
 */
public record ItemMetricRule(String model, Map<String, String> where, String field, String namespace, String metric,
        Map<String, String> dimensions) {

    /** The item field that names the syncing device. */
    public static final String DEVICE_ID = "deviceId";

    /** Ioto's demo schema: Store item {@code counter} as {@code COUNTER} per device. */
    public static final ItemMetricRule COUNTER = new ItemMetricRule("Store", Map.of("key", "counter"), "value",
            Series.DEVICE_NAMESPACE, "COUNTER", Map.of(Dimensions.DEVICE, DEVICE_ID));

    /** The rules a cloud starts with. */
    public static final List<ItemMetricRule> DEFAULTS = List.of(COUNTER);

    public ItemMetricRule {
        where = Map.copyOf(where);
        dimensions = Map.copyOf(dimensions);
        if (!Series.isName(namespace) || !Series.isName(metric)) {
            throw new IllegalArgumentException("Invalid metric name in the rule for " + model);
        }
    }

    /** True if the rule applies to this item of {@code model}. */
    boolean matches(String model, Map<String, Object> item) {
        if (!this.model.equals(model)) {
            return false;
        }
        for (Map.Entry<String, String> w : where.entrySet()) {
            if (!w.getValue().equals(item.get(w.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
