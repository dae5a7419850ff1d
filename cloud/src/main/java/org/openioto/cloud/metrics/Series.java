package org.openioto.cloud.metrics;

import java.util.regex.Pattern;

/**
 * One metric of one account under one dimension set: what buckets are kept for.
 *
 * @param accountId the account whose devices' samples these are; the fleet is its devices
 * @param namespace e.g. {@link #DEVICE_NAMESPACE}
 * @param metric the metric name, 1-64 letters, digits and {@code _ . : / -}
 */
public record Series(long accountId, String namespace, String metric, Dimensions dimensions) {

    /** The namespace of device metrics, set and derived alike, as Ioto's schema requires. */
    public static final String DEVICE_NAMESPACE = "Embedthis/Device";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    /** @throws IllegalArgumentException for a name or namespace that is not as described */
    public Series {
        if (!isName(namespace) || !isName(metric)) {
            throw new IllegalArgumentException("metric name is not 1-64 letters, digits, '_', '.', ':', '/' or '-'");
        }
    }

    /** True if {@code name} is a valid metric name. */
    public static boolean isName(Object name) {
        return name instanceof String s && NAME.matcher(s).matches();
    }

    /** A device metric of {@link #DEVICE_NAMESPACE}. */
    public static Series device(long accountId, String metric, Dimensions dimensions) {
        return new Series(accountId, DEVICE_NAMESPACE, metric, dimensions);
    }
}
