package org.openioto.cloud.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One dimension set of a metric, e.g. {@code {Device: W3DS2DCGXJ}}; the empty set is the whole
 * fleet (every device of the account). Names are 1-32 letters, digits, {@code _ . -}; values 1-128
 * printable ASCII characters; at most {@value #MAX_DIMENSIONS} per set.
 *
 * @param values dimension name to value, sorted by name
 */
public record Dimensions(SortedMap<String, String> values) {

    /** The dimension Ioto names a device by. */
    public static final String DEVICE = "Device";
    /** The placeholder a device writes for its own id, expanded by the cloud. */
    public static final String DEVICE_ID = "${deviceId}";
    /** The whole fleet: no dimensions. */
    public static final Dimensions FLEET = new Dimensions(new TreeMap<>());

    static final int MAX_DIMENSIONS = 4;
    static final int MAX_SETS = 4;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{1,128}");

    /**
     * @throws IllegalArgumentException if there are too many dimensions, or a name or value is not
     *     as described above; the message never quotes them
     */
    public Dimensions {
        if (values.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("more than " + MAX_DIMENSIONS + " dimensions");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("a dimension name is not 1-32 letters, digits, '_', '.' or '-'");
            }
            if (e.getValue() == null || !VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("a dimension value is not 1-128 printable ASCII characters");
            }
        }
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** The set naming one device. */
    public static Dimensions device(String deviceId) {
        return new Dimensions(new TreeMap<>(Map.of(DEVICE, deviceId)));
    }

    /**
     * A dimension set a device sent (a JSON object of strings), with every {@code ${deviceId}}
     * replaced by its id. A {@code Device} dimension must then name the device itself: a device
     * cannot write or read another device's metrics.
     *
     * @throws IllegalArgumentException if it is not an object of strings, names another device,
     *     holds any other {@code ${...}} placeholder, or is invalid as a {@link Dimensions}
     */
    public static Dimensions fromDevice(Object json, String deviceId) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("dimensions are not a JSON object");
        }
        SortedMap<String, String> values = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String raw)) {
                throw new IllegalArgumentException("a dimension value is not a string");
            }
            String value = raw.replace(DEVICE_ID, deviceId);
            if (value.contains("${")) {
                throw new IllegalArgumentException("a dimension holds a placeholder other than " + DEVICE_ID);
            }
            values.put((String) e.getKey(), value);
        }
        String device = values.get(DEVICE);
        if (device != null && !device.equals(deviceId)) {
            throw new IllegalArgumentException("the Device dimension names another device");
        }
        return new Dimensions(values);
    }

    /**
     * The dimension sets of a device's {@code metric/set}: a JSON array of 1-{@value #MAX_SETS}
     * objects, each read as {@link #fromDevice(Object, String)}; {@code [{}]} is the fleet.
     *
     * @throws IllegalArgumentException if it is not such an array
     */
    public static List<Dimensions> setsFromDevice(Object json, String deviceId) {
        if (!(json instanceof List<?> list) || list.isEmpty() || list.size() > MAX_SETS) {
            throw new IllegalArgumentException("dimensions are not an array of 1-" + MAX_SETS + " objects");
        }
        return list.stream().map(o -> fromDevice(o, deviceId)).distinct().toList();
    }

    /** True for the fleet-wide set. */
    public boolean isFleet() {
        return values.isEmpty();
    }

    /** The set as the database keys it: a JSON object with names sorted, e.g. {@code {"Device":"X"}}. */
    String canonical() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, e.getKey()).append(':');
            quote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        // names and values are printable ASCII: only the quote and the backslash need escaping
        b.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"');
    }
}
