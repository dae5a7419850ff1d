package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.sync.CloudCommands;

/**
 * The manager API for device commands: {@code POST /manager/devices/{id}/commands} with
 * {@code {command, args?, description?}} sends one, {@code GET /manager/devices/{id}/commands}
 * lists them oldest first. For devices of the session user's account only; with no sync running
 * every request is answered 503.
 */
final class CommandEndpoints {

    private final Sessions sessions;
    private final Devices devices;
    private final CloudCommands commands;

    CommandEndpoints(Sessions sessions, Devices devices, CloudCommands commands) {
        this.sessions = sessions;
        this.devices = devices;
        this.commands = commands;
    }

    /** {@code {commands: [{id, command, args, description?, created}...]}}. */
    Object list(HttpExchange ex) throws Exception {
        DevicePath path = target(ex);
        List<Object> out = new ArrayList<>();
        for (CloudCommands.Command c : commands.list(path.deviceId())) {
            out.add(json(c));
        }
        return Map.of("commands", out);
    }

    /** {@code {command, args?, description?}} to the command as stored, with its id. */
    @SuppressWarnings("unchecked")
    Object send(HttpExchange ex) throws Exception {
        DevicePath path = target(ex);
        Map<String, Object> body = Exchanges.jsonObject(ex);
        String command = Exchanges.requiredString(body, "command");
        Object args = body.getOrDefault("args", Map.of());
        if (!(args instanceof Map)) {
            throw new ApiException(400, "args must be a JSON object");
        }
        Object description = body.get("description");
        if (description != null && !(description instanceof String)) {
            throw new ApiException(400, "description must be a string");
        }
        try {
            return json(StoreEndpoints.await(commands.send(path.deviceId(), command,
                    (Map<String, Object>) args, (String) description)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(404, ProvisionEndpoint.NO_DEVICE); // released meanwhile
        }
    }

    private DevicePath target(HttpExchange ex) throws Exception {
        DevicePath path = DevicePath.of(ex, sessions, devices, false);
        if (commands == null) {
            throw new ApiException(503, "Sync is not running");
        }
        return path;
    }

    private static Map<String, Object> json(CloudCommands.Command c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("command", c.command());
        m.put("args", c.args());
        if (c.description() != null) {
            m.put("description", c.description());
        }
        m.put("created", c.created());
        return m;
    }
}
