package org.openioto.cloud.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a database's schema up to date from the versioned scripts {@code V1__init.sql},
 * {@code V2__*.sql}, ... next to this class, recording each applied version in
 * {@code schema_version}.
 *
 * <p>Each script runs in its own transaction together with its {@code schema_version} row, so a
 * failed script leaves no record and is retried at the next start. (PostgreSQL rolls back the
 * DDL too; H2 commits DDL as it goes, so a script failing half way there needs a manual fix.)
 */
public final class Migrations {

    /** Scripts in order. Resources cannot be listed from a jar portably, so they are named here. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__item_origin.sql", "V3__device_certificate.sql",
            "V4__metrics.sql");

    private Migrations() {
    }

    /**
     * Applies the scripts not yet recorded and returns how many were applied (0 when the schema is
     * already current).
     */
    public static int apply(Database db) throws SQLException {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, script VARCHAR NOT NULL, "
                        + "applied TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            return null;
        });
        int current = db.transaction(Migrations::currentVersion);
        int applied = 0;
        for (int i = current; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String script = SCRIPTS.get(i);
            List<String> statements = statements(read(script));
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setObject(3, OffsetDateTime.now());
                    p.executeUpdate();
                }
                return null;
            });
            applied++;
        }
        return applied;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration script " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration script " + script, e);
        }
    }

    /** Splits a script at semicolons ending a line, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
