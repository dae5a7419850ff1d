package org.openioto.cloud.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The cloud's one JDBC connection, to an H2 file or a PostgreSQL server, with transactions run
 * one at a time.
 *
 * <p>A local cloud serves a handful of devices and one manager; serializing work on a single
 * connection is simpler than a pool and rules out lock ordering problems between callers. All
 * methods are thread-safe and block while another transaction runs.
 */
public final class Database implements AutoCloseable {

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private Connection connection;

    private Database(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /**
     * Opens a connection to {@code jdbcUrl}, which must be a {@code jdbc:h2:} or
     * {@code jdbc:postgresql:} URL (credentials, if any, in the URL's parameters).
     *
     * @throws IllegalArgumentException for any other kind of URL
     * @throws SQLException if the database cannot be reached
     */
    public static Database open(String jdbcUrl) throws SQLException {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Unsupported database URL (jdbc:h2: or jdbc:postgresql: expected): "
                    + jdbcUrl);
        }
        return new Database(jdbcUrl, connect(jdbcUrl));
    }

    private static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, new Properties());
        c.setAutoCommit(false);
        return c;
    }

    /** True when this is a PostgreSQL database, for the rare SQL that must differ. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * Runs {@code work} in a transaction and commits it, or rolls back and rethrows if it throws.
     * A connection found broken is replaced once before giving up, so a restarted PostgreSQL
     * server does not need a cloud restart.
     */
    public synchronized <T> T transaction(Work<T> work) throws SQLException {
        if (connection == null) {
            throw new SQLException("Database is closed");
        }
        if (!connection.isValid(2)) {
            connection.close();
            connection = connect(url);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Closes the connection; later transactions fail. */
    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
