package org.openioto.cloud.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Manager sessions: bearer tokens handed out at login, kept as hashes, valid for 12 hours. */
public final class Sessions {

    static final Duration LIFETIME = Duration.ofHours(12);

    private final Database db;
    private final Clock clock;

    public Sessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts a session for {@code user} and returns its token, which is not stored anywhere. */
    public String start(Users.User user) throws SQLException {
        String token = Tokens.random();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.transaction(c -> {
            // Expired sessions are dropped here rather than by a timer: logins are rare enough.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM app_session WHERE expires < ?")) {
                p.setObject(1, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO app_session (token_hash, user_name, expires) VALUES (?, ?, ?)")) {
                p.setString(1, Tokens.hash(token));
                p.setString(2, user.name());
                p.setObject(3, now.plus(LIFETIME));
                p.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** Returns the user of an unexpired session with this token, if any. */
    public Optional<Users.User> user(String token) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT u.name, u.account_id FROM app_session s JOIN app_user u ON u.name = s.user_name "
                            + "WHERE s.token_hash = ? AND s.expires > ?")) {
                p.setString(1, Tokens.hash(token));
                p.setObject(2, OffsetDateTime.now(clock));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Users.User(r.getString(1), r.getLong(2))) : Optional.empty();
                }
            }
        });
    }
}
