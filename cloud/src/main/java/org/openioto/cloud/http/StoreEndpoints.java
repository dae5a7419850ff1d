package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;
import org.openioto.cloud.sync.CloudStore;

/**
 * The manager API for a device's Store items: {@code GET /manager/devices/{id}/store},
 * {@code PUT /manager/devices/{id}/store/{key}} with {@code {value}} and
 * {@code DELETE /manager/devices/{id}/store/{key}}, for devices of the session user's account
 * only. Changes go through {@link CloudStore}, so a connected device gets them at once. With no
 * store (sync not running) every request is answered 503.
 */
final class StoreEndpoints {

    /** Where the routes start; the rest of the path is {@code {id}/store[/{key}]}. */
    static final String PREFIX = HttpApi.MANAGER_PATH + "/devices/";

    private record Target(String deviceId, String key) { }

    private final Sessions sessions;
    private final Devices devices;
    private final CloudStore store;

    StoreEndpoints(Sessions sessions, Devices devices, CloudStore store) {
        this.sessions = sessions;
        this.devices = devices;
        this.store = store;
    }

    /** {@code {items: [{key, value, type, updated}...]}}, the live items in key order. */
    Object list(HttpExchange ex) throws Exception {
        Target t = target(ex, false);
        List<Object> items = new ArrayList<>();
        for (CloudStore.Entry e : store.list(t.deviceId())) {
            items.add(json(e));
        }
        return Map.of("items", items);
    }

    /** {@code {value: string|number|boolean}} to the item as stored. */
    Object put(HttpExchange ex) throws Exception {
        Target t = target(ex, true);
        Map<String, Object> body = Exchanges.jsonObject(ex);
        try {
            await(store.set(t.deviceId(), t.key(), body.get("value")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        return json(store.get(t.deviceId(), t.key())
                .orElseThrow(() -> new ApiException(409, "Store item was removed meanwhile")));
    }

    /** Removes the item; {@code {key, removed: true}} whether or not there was one. */
    Object remove(HttpExchange ex) throws Exception {
        Target t = target(ex, true);
        try {
            await(store.remove(t.deviceId(), t.key()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        return Map.of("key", t.key(), "removed", true);
    }

    /**
     * The device and key the path names, after checking the session (401), the store (503), the
     * path's shape (404) and that the device is in the user's account (404).
     */
    private Target target(HttpExchange ex, boolean withKey) throws ApiException, SQLException {
        Users.User user = ManagerEndpoints.user(sessions, ex);
        if (store == null) {
            throw new ApiException(503, "Sync is not running");
        }
        String raw = ex.getRequestURI().getRawPath();
        String[] parts = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()).split("/", -1) : new String[0];
        if (parts.length != (withKey ? 3 : 2) || !parts[1].equals("store") || parts[0].isEmpty()) {
            throw new ApiException(404, "Not found");
        }
        String id = decode(parts[0]);
        boolean own = devices.byId(id).flatMap(d -> d.accountId()).filter(a -> a == user.accountId()).isPresent();
        if (!own) {
            throw new ApiException(404, ProvisionEndpoint.NO_DEVICE);
        }
        return new Target(id, withKey ? decode(parts[2]) : null);
    }

    /** A path segment, percent-decoded; a {@code +} stays a plus as paths have it. */
    private static String decode(String segment) throws ApiException {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Malformed path");
        }
    }

    private static void await(CompletableFuture<Void> done) throws Exception {
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw new ApiException(503, "Sync is not running");
            }
            throw e.getCause() instanceof Exception c ? c : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Interrupted");
        }
    }

    private static Map<String, Object> json(CloudStore.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", e.key());
        m.put("value", e.value());
        m.put("type", e.type());
        m.put("updated", e.updated());
        return m;
    }
}
