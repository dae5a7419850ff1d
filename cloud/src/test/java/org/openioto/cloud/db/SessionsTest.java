package org.openioto.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openioto.cloud.FakeClock;

class SessionsTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Database db;

    @BeforeEach
    void open() throws Exception {
        db = Database.open("jdbc:h2:mem:sessions;DB_CLOSE_DELAY=-1");
        Migrations.apply(db);
        Seed.apply(db, Optional.of("pw"));
    }

    @AfterEach
    void close() throws Exception {
        db.transaction(c -> c.createStatement().execute("DROP ALL OBJECTS"));
        db.close();
    }

    @Test
    void sessionLastsTwelveHours() throws Exception {
        Sessions sessions = new Sessions(db, clock);
        Users.User admin = new Users(db).authenticate("admin", "pw").orElseThrow();
        String token = sessions.start(admin);
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(sessions.user(token)).contains(admin);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.user(token)).isEmpty();
        assertThat(sessions.user("unknown")).isEmpty();
    }

    @Test
    void storesOnlyTheTokensHash() throws Exception {
        String token = new Sessions(db, clock).start(new Users.User("admin", 1));
        String stored = db.transaction(c -> {
            try (var r = c.createStatement().executeQuery("SELECT token_hash FROM app_session")) {
                r.next();
                return r.getString(1);
            }
        });
        assertThat(stored).isEqualTo(Tokens.hash(token)).doesNotContain(token);
    }
}
