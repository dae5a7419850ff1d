package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;

/**
 * A manager path about one device, {@code /manager/devices/{id}/{resource}[/{key}]}, with the
 * device id and key percent-decoded.
 *
 * @param key the segment after the resource, or null if the path ends at the resource
 */
record DevicePath(String deviceId, String resource, String key) {

    /** Where these paths start. */
    static final String PREFIX = HttpApi.MANAGER_PATH + "/devices/";

    /** The resource a raw request path names ({@code store}, {@code commands}...), or null if it names none. */
    static String resource(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
        return parts.length >= 2 && !parts[0].isEmpty() ? parts[1] : null;
    }

    /**
     * The request's device path, after checking the session (401), the path's shape: with a key
     * or without (404), and that the device is in the session user's account (404).
     */
    static DevicePath of(HttpExchange ex, Sessions sessions, Devices devices, boolean withKey)
        throws ApiException, SQLException {
        Users.User user = ManagerEndpoints.user(sessions, ex);
        String raw = ex.getRequestURI().getRawPath();
        String resource = resource(raw);
        String[] parts = resource == null ? new String[0] : raw.substring(PREFIX.length()).split("/", -1);
        if (parts.length != (withKey ? 3 : 2)) {
            throw new ApiException(404, "Not found");
        }
        String id = decode(parts[0]);
        boolean own = devices.byId(id).flatMap(d -> d.accountId()).filter(a -> a == user.accountId()).isPresent();
        if (!own) {
            throw new ApiException(404, ProvisionEndpoint.NO_DEVICE);
        }
        return new DevicePath(id, resource, withKey ? decode(parts[2]) : null);
    }

    /** A path segment, percent-decoded; a {@code +} stays a plus as paths have it. */
    private static String decode(String segment) throws ApiException {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Malformed path");
        }
    }
}
