package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Products;

/**
 * {@code POST {builder}/device/register}, bearer = product token, body = the device's
 * device.json5 properties with its claim {@code id}.
 *
 * <p>Until the device is claimed the reply is exactly {@code {"registered":true}}: Ioto tells an
 * unclaimed reply by the JSON tree having two nodes, so nothing may be added to it. Once claimed,
 * each call hands out a fresh device token (a device that registers again has lost its old one).
 */
final class RegisterEndpoint implements Endpoint {

    /** Ioto claim IDs are 10 characters; allow other schemes, but nothing that needs escaping. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Products products;
    private final Devices devices;
    private final CloudIdentity identity;
    private final String deviceApiPath;

    RegisterEndpoint(Products products, Devices devices, CloudIdentity identity, String deviceApiPath) {
        this.products = products;
        this.devices = devices;
        this.identity = identity;
        this.deviceApiPath = deviceApiPath;
    }

    @Override
    public Object handle(HttpExchange ex) throws Exception {
        String productToken = Exchanges.bearer(ex);
        Map<String, Object> body = Exchanges.jsonObject(ex);
        Products.Product product = products.byToken(productToken)
                .orElseThrow(() -> new ApiException(401, "Authentication failed"));
        String id = Exchanges.requiredString(body, "id");
        if (!DEVICE_ID.matcher(id).matches()) {
            throw new ApiException(400, "Bad device id");
        }
        Device device = devices.register(id, product.id());
        if (!device.isClaimed()) {
            return Map.of("registered", true);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("api", Exchanges.baseUrl(ex) + deviceApiPath);
        reply.put("token", devices.issueToken(id));
        reply.put("registered", true);
        reply.put("cloudType", identity.cloudType());
        reply.put("cloudName", identity.cloudName());
        reply.put("cloudRegion", identity.cloudRegion());
        reply.put("accountId", String.valueOf(device.accountId().get()));
        return reply;
    }
}
