package org.openioto.cloud.sync;

import java.util.Optional;

/**
 * A device's request as its topic names it: {@code ioto/service/{id}/{service...}[/{seq}]}, also
 * under the basic-ingest prefix {@code $aws/rules/IotoDevice/}.
 *
 * @param deviceId the {id} segment
 * @param service what is asked, e.g. {@code db/syncToDynamo} or {@code store/get}
 * @param seq the request/response sequence number, for {@code store/get}, {@code store/set} and
 *     {@code metric/get}
 */
record Request(String deviceId, String service, Optional<String> seq) {

    static final String INGEST = "$aws/rules/IotoDevice/";
    private static final String PREFIX = "ioto/service/";

    /** The request a topic names, or empty if it is not one. */
    static Optional<Request> parse(String topic) {
        String t = topic.startsWith(INGEST) ? topic.substring(INGEST.length()) : topic;
        if (!t.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = t.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        String service = rest.substring(slash + 1);
        // request/response topics end in the device's sequence number, an int
        int last = service.lastIndexOf('/');
        boolean requests = service.startsWith("store/") || service.startsWith("metric/");
        if (last > 0 && requests && isSeq(service.substring(last + 1))) {
            return Optional.of(new Request(id, service.substring(0, last), Optional.of(service.substring(last + 1))));
        }
        return Optional.of(new Request(id, service, Optional.empty()));
    }

    private static boolean isSeq(String s) {
        return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The device topic a reply to this request goes to: {@code ioto/device/{id}/{service}/{seq}}. */
    String replyTopic() {
        return "ioto/device/" + deviceId + "/" + service + seq.map(s -> "/" + s).orElse("");
    }
}
