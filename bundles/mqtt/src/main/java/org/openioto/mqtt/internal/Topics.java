package org.openioto.mqtt.internal;

import java.nio.charset.StandardCharsets;

/** MQTT topic names and filters: validation with clear messages, and wildcard matching. */
final class Topics {

    private Topics() {
    }

    /**
     * Checks a topic to publish to.
     *
     * @throws IllegalArgumentException if it is empty, has wildcards or NUL
     * @throws org.openioto.mqtt.MqttException if it is longer than {@code maxBytes} in UTF-8
     */
    static String checkTopic(String topic, int maxBytes) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("the topic is empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic '" + topic + "' has a wildcard or NUL; publish to a plain topic");
        }
        checkLength(topic, maxBytes);
        return topic;
    }

    /**
     * Checks a topic filter to subscribe to: {@code +} stands alone in its level, {@code #} is
     * alone in the last level.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static String checkFilter(String filter, int maxBytes) {
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException("the topic filter is empty");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new IllegalArgumentException("filter '" + filter + "': '#' must be the whole last level");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("filter '" + filter + "': '+' must be a whole level");
            }
        }
        if (filter.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("filter '" + filter + "' has a NUL character");
        }
        checkLength(filter, maxBytes);
        return filter;
    }

    /** True if {@code topic} matches {@code filter}; wildcards do not match a leading {@code $} level. */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private static void checkLength(String topic, int maxBytes) {
        int length = topic.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw new org.openioto.mqtt.MqttException("topic of " + length + " bytes is over the limit of " + maxBytes
                    + " bytes (mqtt.maxTopic)");
        }
    }
}
