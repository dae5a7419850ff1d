package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;

/**
 * The manager API: {@code POST /manager/login}, {@code POST /manager/claim} and
 * {@code GET /manager/devices}. Everything but login takes the session token as bearer.
 */
final class ManagerEndpoints {

    private final Users users;
    private final Sessions sessions;
    private final Devices devices;

    ManagerEndpoints(Users users, Sessions sessions, Devices devices) {
        this.users = users;
        this.sessions = sessions;
        this.devices = devices;
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

    /** {@code {devices: [...]}}: the account's devices and the unclaimed ones. */
    Object devices(HttpExchange ex) throws Exception {
        Users.User user = user(ex);
        List<Object> list = new ArrayList<>();
        for (Device d : devices.visibleTo(user.accountId())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("productId", d.productId());
            m.put("claimed", d.isClaimed());
            m.put("registered", d.registered().toString());
            d.claimed().ifPresent(t -> m.put("claimedAt", t.toString()));
            d.provisioned().ifPresent(t -> m.put("provisioned", t.toString()));
            list.add(m);
        }
        return Map.of("devices", list);
    }

    private Users.User user(HttpExchange ex) throws ApiException, SQLException {
        return sessions.user(Exchanges.bearer(ex))
                .orElseThrow(() -> new ApiException(401, "Session expired or unknown"));
    }
}
