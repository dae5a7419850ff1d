package org.openioto.cloud.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Builder products, found by the token devices register with. */
public final class Products {

    /** A product row. */
    public record Product(long id, String name, String token) {
    }

    private final Database db;

    public Products(Database db) {
        this.db = db;
    }

    /** Returns the product whose token is {@code token}, if any. */
    public Optional<Product> byToken(String token) throws SQLException {
        return db.transaction(c -> byToken(c, token));
    }

    /** Returns product {@code id}, if any. */
    public Optional<Product> byId(long id) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, name, token FROM product WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Product(r.getLong(1), r.getString(2), r.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    static Optional<Product> byToken(Connection c, String token) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, name, token FROM product WHERE token = ?")) {
            p.setString(1, token);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Product(r.getLong(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Creates a product and returns its id. */
    static long create(Connection c, String name, String token) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO product (name, token, created) VALUES (?, ?, ?)", new String[] {"id"})) {
            p.setString(1, name);
            p.setString(2, token);
            p.setObject(3, OffsetDateTime.now());
            p.executeUpdate();
            return generatedId(p);
        }
    }

    static long generatedId(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("No generated id returned");
            }
            return keys.getLong(1);
        }
    }
}
