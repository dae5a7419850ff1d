package org.openioto.cloud.metrics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;

/**
 * Which account a device is in, remembered for a while so that a stream of samples does not cost
 * a query each. A device claimed into another account is seen there within {@link #FRESH}.
 * Thread-safe.
 */
final class Accounts {

    static final Duration FRESH = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 100_000;

    private record Entry(Optional<Long> accountId, Instant fetched) { }

    private final Devices devices;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> remembered = new ConcurrentHashMap<>();

    Accounts(Devices devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** The device's account, or empty if it is unknown or not claimed. */
    Optional<Long> of(String deviceId) throws SQLException {
        Instant now = clock.instant();
        Entry e = remembered.get(deviceId);
        if (e == null || now.isAfter(e.fetched().plus(FRESH)) || now.isBefore(e.fetched())) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            e = new Entry(devices.byId(deviceId).flatMap(Device::accountId), now);
            remembered.put(deviceId, e);
        }
        return e.accountId();
    }
}
