package org.openioto.mqtt.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A throttle notice from the cloud: {@code {"timestamp": <ms>, "close": true|false}}. */
record ThrottleNotice(long timestamp, boolean close) {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*(\\d{1,18})\\s*[,}]");
    private static final Pattern CLOSE = Pattern.compile("\"close\"\\s*:\\s*(true|false)\\s*[,}]");

    /** The notice in {@code json}, or empty if it has no numeric timestamp. */
    static Optional<ThrottleNotice> parse(String json) {
        Matcher t = TIMESTAMP.matcher(json);
        if (!json.trim().startsWith("{") || !t.find()) {
            return Optional.empty();
        }
        Matcher c = CLOSE.matcher(json);
        return Optional.of(new ThrottleNotice(Long.parseLong(t.group(1)), c.find() && c.group(1).equals("true")));
    }
}
