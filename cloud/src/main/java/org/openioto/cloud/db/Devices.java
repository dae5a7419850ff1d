package org.openioto.cloud.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Registered devices: registration, claiming, device tokens and provisioning state. */
public final class Devices {

    /** What a claim came to. */
    public enum ClaimResult { CLAIMED, ALREADY_YOURS, CLAIMED_BY_OTHERS, NOT_FOUND }

    private static final String COLUMNS =
            "id, product_id, account_id, registered, claimed, token_hash, provisioned, blocked_until";

    private final Database db;
    private final Clock clock;

    public Devices(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records that device {@code id} registered under product {@code productId} and returns it.
     * A device registering again under another product moves to it; the first registration
     * time is kept.
     */
    public Device register(String id, long productId) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "MERGE INTO device d USING (VALUES (CAST(? AS VARCHAR), CAST(? AS BIGINT), "
                            + "CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s(id, product_id, registered) "
                            + "ON d.id = s.id "
                            + "WHEN MATCHED THEN UPDATE SET product_id = s.product_id "
                            + "WHEN NOT MATCHED THEN INSERT (id, product_id, registered) "
                            + "VALUES (s.id, s.product_id, s.registered)")) {
                p.setString(1, id);
                p.setLong(2, productId);
                p.setObject(3, OffsetDateTime.now(clock));
                p.executeUpdate();
            }
            return byId(c, id).orElseThrow();
        });
    }

    /**
     * Gives the device a fresh token, replacing any earlier one, and returns it. Only its hash is
     * stored, so a device that lost its token simply registers again.
     */
    public String issueToken(String id) throws SQLException {
        String token = Tokens.random();
        int rows = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE device SET token_hash = ? WHERE id = ?")) {
                p.setString(1, Tokens.hash(token));
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
        if (rows != 1) {
            throw new IllegalArgumentException("No device " + id);
        }
        return token;
    }

    /** Returns device {@code id}, if registered. */
    public Optional<Device> byId(String id) throws SQLException {
        return db.transaction(c -> byId(c, id));
    }

    /** Claims device {@code id} into account {@code accountId}. */
    public ClaimResult claim(String id, long accountId) throws SQLException {
        return db.transaction(c -> {
            Optional<Device> device = byId(c, id);
            if (device.isEmpty()) {
                return ClaimResult.NOT_FOUND;
            }
            if (device.get().accountId().isPresent()) {
                return device.get().accountId().get() == accountId
                        ? ClaimResult.ALREADY_YOURS : ClaimResult.CLAIMED_BY_OTHERS;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE device SET account_id = ?, claimed = ? WHERE id = ? AND account_id IS NULL")) {
                p.setLong(1, accountId);
                p.setObject(2, OffsetDateTime.now(clock));
                p.setString(3, id);
                p.executeUpdate();
            }
            return ClaimResult.CLAIMED;
        });
    }

    /** Notes that device {@code id} received its certificate now. */
    public void markProvisioned(String id) throws SQLException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE device SET provisioned = ? WHERE id = ?")) {
                p.setObject(1, OffsetDateTime.now(clock));
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Releases device {@code id} from account {@code accountId}, as Ioto's provision/release: its
     * claim, token and provisioning are cleared, so it registers as unclaimed again, and its
     * certificate is revoked ({@link BrokerDevices}). Returns false if the device is not in that account.
     */
    public boolean release(String id, long accountId) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE device SET account_id = NULL, claimed = NULL, "
                    + "token_hash = NULL, provisioned = NULL, certificate_serial = ? WHERE id = ? AND account_id = ?")) {
                p.setString(1, BrokerDevices.RELEASED);
                p.setString(2, id);
                p.setLong(3, accountId);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Notes the version device {@code id} last reported running. */
    public void recordVersion(String id, String version) throws SQLException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE device SET version = ? WHERE id = ?")) {
                p.setString(1, version);
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
    }

    /** Lists, by id, the devices of account {@code accountId} and the unclaimed ones it may claim. */
    public List<Device> visibleTo(long accountId) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM device WHERE account_id = ? OR account_id IS NULL ORDER BY id")) {
                p.setLong(1, accountId);
                try (ResultSet r = p.executeQuery()) {
                    List<Device> out = new ArrayList<>();
                    while (r.next()) {
                        out.add(read(r));
                    }
                    return out;
                }
            }
        });
    }

    static Optional<Device> byId(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM device WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static Device read(ResultSet r) throws SQLException {
        long account = r.getLong(3);
        Optional<Long> accountId = r.wasNull() ? Optional.empty() : Optional.of(account);
        return new Device(r.getString(1), r.getLong(2), accountId,
                r.getObject(4, OffsetDateTime.class),
                Optional.ofNullable(r.getObject(5, OffsetDateTime.class)),
                Optional.ofNullable(r.getString(6)),
                Optional.ofNullable(r.getObject(7, OffsetDateTime.class)),
                Optional.ofNullable(r.getObject(8, OffsetDateTime.class)));
    }
}
