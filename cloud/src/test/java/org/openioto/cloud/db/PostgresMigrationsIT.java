package org.openioto.cloud.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations and statements against a real PostgreSQL, started by the test with the
 * initdb/pg_ctl binaries found on this machine, in a temporary directory, on a free loopback
 * port. Aborted (reported as skipped, with the reason) when there are no binaries.
 */
@Timeout(120)
class PostgresMigrationsIT extends MigrationsContract {

    /** Where initdb and pg_ctl are: a local build's place, else the newest of Debian's packages. */
    private static final Path BIN = binaries();
    private static final String PG_USER = "postgres";

    @TempDir
    static Path dir;
    private static Path pgData;
    private static int port;
    private static boolean started;
    private static int databases;
    private String url;

    private static Path binaries() {
        Path local = Path.of("/usr/local/bin");
        if (Files.isExecutable(local.resolve("initdb"))) {
            return local;
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("[0-9]+"))
                    .max(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).orElse(local);
        } catch (IOException | RuntimeException e) {
            return local;
        }
    }

    @BeforeAll
    static void startPostgres() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl")),
                "PostgreSQL binaries (initdb, pg_ctl) not found in " + BIN);
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root || PG_USER.equals(System.getProperty("user.name")),
                "PostgreSQL must run as user " + PG_USER + "; the test needs to be root or that user");
        // The temp dir is private to us; PostgreSQL's user must get through it to its own data.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        pgData = dir.resolve("pg");
        Files.createDirectory(pgData);
        if (root) {
            run(List.of("chown", PG_USER, pgData.toString()));
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(List.of(BIN.resolve("initdb").toString(), "-A", "trust", "-U", PG_USER, "-D", pgData.toString()));
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-w", "-l",
                pgData.resolve("log").toString(), "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -k " + pgData, "start"));
        started = true;
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (started) {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-w", "-m", "fast", "stop"));
        }
    }

    @Override
    String jdbcUrl() {
        // One fresh database per test, made on first use, as the contract expects an empty one.
        if (url == null) {
            String name = "cloud" + (++databases);
            // CREATE DATABASE cannot run in a transaction, so not through Database.
            try (Connection c = DriverManager.getConnection(base("postgres"));
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            url = base(name);
        }
        return url;
    }

    private static String base(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + PG_USER;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && !command.get(0).equals("chown")) {
            full.addAll(List.of("runuser", "-u", PG_USER, "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
    }
}
