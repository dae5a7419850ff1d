package org.openioto.cloud.db;

import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.openioto.cloud.broker.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker knows of devices, from the {@code device} table: the account each is claimed
 * into, and which certificate each holds now, the serial (hex) of the last one issued. The broker
 * lets a device in only with that one, so issuing a new certificate revokes the one before, and
 * {@link Devices#release} revokes it for good. Devices with no serial recorded (provisioned before
 * the cloud kept them) are accepted; certificates naming a device the cloud does not know are
 * not. Thread-safe.
 *
 * <p>The broker calls this on its own threads, once per connection and once per subscription: one
 * indexed row each time, well under the cost of the TLS handshake before it.
 */
public final class BrokerDevices implements DeviceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerDevices.class);

    /** What a released device's serial is set to: no certificate matches it. */
    static final String RELEASED = "released";

    private final Database db;

    public BrokerDevices(Database db) {
        this.db = db;
    }

    /** Records that device {@code id} now holds {@code certificate}, revoking any before it. */
    public void issued(String id, X509Certificate certificate) throws SQLException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE device SET certificate_serial = ? WHERE id = ?")) {
                p.setString(1, serial(certificate));
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public boolean accepts(String clientId, X509Certificate certificate) {
        try {
            return db.transaction(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT certificate_serial FROM device WHERE id = ?")) {
                    p.setString(1, clientId);
                    try (ResultSet r = p.executeQuery()) {
                        if (!r.next()) {
                            return false;
                        }
                        String serial = r.getString(1);
                        return serial == null || serial.equals(serial(certificate));
                    }
                }
            });
        } catch (SQLException e) {
            LOG.warn("Refused {}: cannot read its certificate from the database: {}", clientId, e.getMessage());
            return false;
        }
    }

    @Override
    public Optional<String> accountOf(String clientId) {
        try {
            return db.transaction(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT account_id FROM device WHERE id = ?")) {
                    p.setString(1, clientId);
                    try (ResultSet r = p.executeQuery()) {
                        return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        } catch (SQLException e) {
            LOG.warn("Cannot read the account of {} from the database: {}", clientId, e.getMessage());
            return Optional.empty();
        }
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
