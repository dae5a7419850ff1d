package org.openioto.cloud.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Manager users and the accounts they claim devices into. */
public final class Users {

    /** A user who logged in, with the account their claims go to. */
    public record User(String name, long accountId) {
    }

    private final Database db;

    public Users(Database db) {
        this.db = db;
    }

    /** Returns the user if {@code password} is theirs; empty for an unknown user or a wrong password. */
    public Optional<User> authenticate(String name, String password) throws SQLException {
        Optional<String[]> row = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT password_hash, account_id FROM app_user WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
                }
            }
        });
        // Hash outside the transaction: PBKDF2 takes a good fraction of a second and would hold
        // the database for everyone else meanwhile.
        if (row.isEmpty() || !Passwords.verify(password, row.get()[0])) {
            return Optional.empty();
        }
        return Optional.of(new User(name, Long.parseLong(row.get()[1])));
    }

    /**
     * Adds user {@code name} with an account of its own (of the same name) and returns it, or
     * empty if there is a user of that name already.
     */
    public Optional<User> addWithAccount(String name, String password) throws SQLException {
        String hash = Passwords.hash(password); // slow: not inside the transaction
        return db.transaction(c -> {
            if (exists(c, name)) {
                return Optional.empty();
            }
            return Optional.of(new User(name, createWithAccount(c, name, hash)));
        });
    }

    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM app_user WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Creates an account named {@code name} and a user of the same name in it; returns the account's id. */
    static long createWithAccount(Connection c, String name, String passwordHash) throws SQLException {
        long accountId;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO account (name, created) VALUES (?, ?)", new String[] {"id"})) {
            p.setString(1, name);
            p.setObject(2, OffsetDateTime.now());
            p.executeUpdate();
            accountId = Products.generatedId(p);
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO app_user (name, password_hash, account_id, created) VALUES (?, ?, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, passwordHash);
            p.setLong(3, accountId);
            p.setObject(4, OffsetDateTime.now());
            p.executeUpdate();
        }
        return accountId;
    }
}
