package org.openioto.cloud.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.http.Json;

/**
 * Device commands, as Ioto takes them: items of model {@code Command} synced down, with sort key
 * {@code command#<accountId>#<deviceId>#<ulid>}. The agent acts on {@code reboot},
 * {@code release}/{@code reprovision} and {@code update}, and signals any other as
 * {@code device:command:<command>} with the item's {@code args}. Written through
 * {@link CloudWrites}, so a connected device gets a command at once and others at their next
 * syncDown. Thread-safe.
 */
public final class CloudCommands {

    /** Command names: what an event name {@code device:command:<command>} can carry. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Largest {@code args} accepted, as JSON text. */
    public static final int MAX_ARGS_BYTES = 16 * 1024;
    public static final int MAX_DESCRIPTION_CHARS = 1024;

    /**
     * A command as the manager sees it.
     *
     * @param id its ULID
     * @param created when the cloud wrote it (ISO time)
     */
    public record Command(String id, String command, Map<String, Object> args, String description, String created) { }

    private final Database db;
    private final Clock clock;
    private final CloudWrites writes;

    CloudCommands(Database db, Clock clock, CloudWrites writes) {
        this.db = db;
        this.clock = clock;
        this.writes = writes;
    }

    /**
     * Writes a new command for a claimed device. The future completes on a sync thread with the
     * command once stored (and sent, if the device is connected), or exceptionally with an
     * {@link IllegalStateException} if the device is not claimed (or unknown), a
     * {@link SQLException} if it cannot be stored, or a
     * {@link java.util.concurrent.RejectedExecutionException} if sync is closed.
     *
     * @throws IllegalArgumentException for a bad command name, or args or description too long
     */
    public CompletableFuture<Command> send(String deviceId, String command, Map<String, Object> args,
                                          String description) {
        if (command == null || !NAME.matcher(command).matches()) {
            throw new IllegalArgumentException("command must be 1-64 letters, digits, '_', '.' or '-', "
                    + "starting with a letter or digit");
        }
        if (Json.write(args).length > MAX_ARGS_BYTES) {
            throw new IllegalArgumentException("args must be at most " + MAX_ARGS_BYTES + " bytes of JSON");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_CHARS) {
            throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION_CHARS + " characters");
        }
        return writes.apply(deviceId, () -> Optional.of(db.transaction(c -> {
            String account = Items.accountId(c, deviceId)
                    .orElseThrow(() -> new IllegalStateException("Device " + deviceId + " is not claimed"));
            Instant now = clock.instant();
            String id = Ulid.at(now);
            String updated = Timestamps.format(now);
            String sk = "command#" + account + "#" + deviceId + "#" + id;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("command", command);
            data.put("args", args);
            if (description != null) {
                data.put("description", description);
            }
            data.put("accountId", account);
            data.put("deviceId", deviceId);
            data.put("sk", sk);
            data.put("_type", "Command");
            data.put("created", updated);
            data.put("updated", updated);
            Item item = new Item(sk, "Command", data, updated, false, Item.CLOUD);
            Items.put(c, deviceId, item, now);
            return item;
        }))).thenApply(item -> command(item.orElseThrow()));
    }

    /** The device's commands, oldest first; empty if it has none (or is unknown). */
    public List<Command> list(String deviceId) throws SQLException {
        List<Command> out = new ArrayList<>();
        for (Item i : db.transaction(c -> Items.live(c, deviceId, "command#"))) {
            if (i.model().equals("Command")) {
                out.add(command(i));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Command command(Item i) {
        Map<String, Object> d = i.data();
        return new Command(String.valueOf(d.get("id")), String.valueOf(d.get("command")),
                d.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                d.get("description") instanceof String s ? s : null, String.valueOf(d.get("created")));
    }
}
