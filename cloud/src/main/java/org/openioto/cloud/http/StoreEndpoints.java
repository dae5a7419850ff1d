package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
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
import org.openioto.cloud.sync.CloudStore;

/**
 * The manager API for a device's Store items: {@code GET /manager/devices/{id}/store},
 * {@code PUT /manager/devices/{id}/store/{key}} with {@code {value}} and
 * {@code DELETE /manager/devices/{id}/store/{key}}, for devices of the session user's account
 * only. Changes go through {@link CloudStore}, so a connected device gets them at once. With no
 * store (sync not running) every request is answered 503.
 */
final class StoreEndpoints {

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
        DevicePath t = target(ex, false);
        List<Object> items = new ArrayList<>();
        for (CloudStore.Entry e : store.list(t.deviceId())) {
            items.add(json(e));
        }
        return Map.of("items", items);
    }

    /** {@code {value: string|number|boolean}} to the item as stored. */
    Object put(HttpExchange ex) throws Exception {
        DevicePath t = target(ex, true);
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
        DevicePath t = target(ex, true);
        try {
            await(store.remove(t.deviceId(), t.key()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        return Map.of("key", t.key(), "removed", true);
    }

    /** The device and key the path names, as {@link DevicePath#of} checks them, and that sync runs (503). */
    private DevicePath target(HttpExchange ex, boolean withKey) throws ApiException, SQLException {
        DevicePath path = DevicePath.of(ex, sessions, devices, withKey);
        if (store == null) {
            throw new ApiException(503, "Sync is not running");
        }
        return path;
    }

    /** Waits for a write on the device's lane; a closed sync is 503, other failures are rethrown. */
    static <T> T await(CompletableFuture<T> done) throws Exception {
        try {
            return done.get();
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
