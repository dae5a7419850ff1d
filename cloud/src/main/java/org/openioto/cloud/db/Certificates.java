package org.openioto.cloud.db;

import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openioto.cloud.broker.CertificatePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which certificate each device holds now: the serial (hex) of the last one issued, in the
 * {@code device} table. The broker lets a device in only with that one, so issuing a new
 * certificate revokes the one before, and {@link Devices#release} revokes it for good. Devices
 * with no serial recorded (provisioned before the cloud kept them) are accepted; certificates
 * naming a device the cloud does not know are not. Thread-safe.
 *
 * <p>{@link #accepts} reads the database on the broker's network thread, once per connection:
 * one indexed row, well under the cost of the TLS handshake before it.
 */
public final class Certificates implements CertificatePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);

    /** What a released device's serial is set to: no certificate matches it. */
    static final String RELEASED = "released";

    private final Database db;

    public Certificates(Database db) {
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

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
