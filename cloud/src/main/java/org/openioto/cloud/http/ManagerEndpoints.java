package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;

/**
 * The manager API: {@code POST /manager/login}, {@code POST /manager/users},
 * {@code POST /manager/claim}, {@code POST /manager/release} and {@code GET /manager/devices}. Everything but login takes the
 * session token as bearer.
 */
final class ManagerEndpoints {

    /** How long a released device has to leave by itself before it is disconnected. */
    static final Duration RELEASE_GRACE = Duration.ofSeconds(5);

    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    private final Users users;
    private final Sessions sessions;
    private final Devices devices;
    private final DeviceMessaging messaging;
    private final Clock clock;

    ManagerEndpoints(Users users, Sessions sessions, Devices devices, DeviceMessaging messaging, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.devices = devices;
        this.messaging = messaging;
        this.clock = clock;
    }

    /** {@code {user, password}} to {@code {token}}. */
    Object login(HttpExchange ex) throws Exception {
        Map<String, Object> body = Exchanges.jsonObject(ex);
        String name = Exchanges.requiredString(body, "user");
        String password = Exchanges.requiredString(body, "password");
        Users.User user = users.authenticate(name, password)
                .orElseThrow(() -> new ApiException(401, "Wrong user name or password"));
        return Map.of("token", sessions.start(user));
    }

    /**
     * {@code {user, password}} to {@code {user, accountId}}: a new user with an account of its
     * own, to claim devices into apart from the others. Only {@code admin} may add users.
     */
    Object addUser(HttpExchange ex) throws Exception {
        Users.User caller = user(ex);
        if (!caller.name().equals(Seed.ADMIN)) {
            throw new ApiException(403, "Only admin may add users");
        }
        Map<String, Object> body = Exchanges.jsonObject(ex);
        String name = Exchanges.requiredString(body, "user");
        String password = Exchanges.requiredString(body, "password");
        if (!USER_NAME.matcher(name).matches()) {
            throw new ApiException(400, "user must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ApiException(400, "password must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        Users.User added = users.addWithAccount(name, password)
                .orElseThrow(() -> new ApiException(409, "User " + name + " exists"));
        return Map.of("user", added.name(), "accountId", String.valueOf(added.accountId()));
    }

    /** {@code {id}} to {@code {id, claimed: true}}, claiming the device into the user's account. */
    Object claim(HttpExchange ex) throws Exception {
        Users.User user = user(ex);
        String id = Exchanges.requiredString(Exchanges.jsonObject(ex), "id");
        switch (devices.claim(id, user.accountId())) {
            case NOT_FOUND:
                throw new ApiException(404, ProvisionEndpoint.NO_DEVICE);
            case CLAIMED_BY_OTHERS:
                throw new ApiException(409, "Device is claimed by another account");
            default:
                return Map.of("id", id, "claimed", true);
        }
    }

    /**
     * {@code {id}} to {@code {id, released: true}}: the device leaves the account and loses its
     * token and certificate, so it registers as unclaimed again. A connected device is told on
     * {@code ioto/device/{id}/provision/release} with the time in ms, which makes Ioto disconnect
     * and deprovision; one still connected {@link #RELEASE_GRACE} later is disconnected.
     */
    Object release(HttpExchange ex) throws Exception {
        Users.User user = user(ex);
        String id = Exchanges.requiredString(Exchanges.jsonObject(ex), "id");
        if (!devices.release(id, user.accountId())) {
            throw new ApiException(404, ProvisionEndpoint.NO_DEVICE);
        }
        // Ioto ignores a release more than 10 s older than its timestamp (a stale redelivery)
        messaging.publish("ioto/device/" + id + "/provision/release",
                Long.toString(clock.millis()).getBytes(StandardCharsets.US_ASCII));
        CompletableFuture.delayedExecutor(RELEASE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> messaging.disconnect(id));
        return Map.of("id", id, "released", true);
    }

    /** {@code {devices: [...]}}: the account's devices and the unclaimed ones. */
    Object devices(HttpExchange ex) throws Exception {
        Users.User user = user(ex);
        Set<String> connected = messaging.connectedClients();
        List<Object> list = new ArrayList<>();
        for (Device d : devices.visibleTo(user.accountId())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("productId", d.productId());
            m.put("claimed", d.isClaimed());
            m.put("registered", d.registered().toString());
            d.claimed().ifPresent(t -> m.put("claimedAt", t.toString()));
            d.provisioned().ifPresent(t -> m.put("provisioned", t.toString()));
            m.put("connected", connected.contains(d.id()));
            list.add(m);
        }
        return Map.of("devices", list);
    }

    private Users.User user(HttpExchange ex) throws ApiException, SQLException {
        return user(sessions, ex);
    }

    /** The user whose session token is the request's bearer; 401 if there is none. */
    static Users.User user(Sessions sessions, HttpExchange ex) throws ApiException, SQLException {
        return sessions.user(Exchanges.bearer(ex))
                .orElseThrow(() -> new ApiException(401, "Session expired or unknown"));
    }
}
