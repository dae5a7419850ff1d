package org.openioto.cloud;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Migrations;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;
import org.openioto.cloud.http.CloudIdentity;
import org.openioto.cloud.http.HttpApi;
import org.openioto.cloud.http.Provision;
import org.openioto.cloud.http.Provisioner;

/**
 * A whole local device cloud: database, HTTP APIs and (to come) certificate authority and MQTT
 * broker. {@link #start()} brings them up in order, {@link #stop()} takes them down in reverse.
 * Not thread-safe: start and stop from one thread (or the shutdown hook).
 */
public final class Cloud {

    private final CloudOptions options;
    private final Provisioner provisioner;
    private final Clock clock = Clock.systemUTC();
    private Database db;
    private HttpApi http;
    private Optional<String> generatedAdminPassword = Optional.empty();

    /**
     * A cloud whose provision endpoint refuses every device until the certificate authority is
     * wired in.
     */
    public Cloud(CloudOptions options) {
        // HOOK(pki): replace with a Provisioner backed by org.openioto.cloud.pki.CertificateAuthority
        // (made from options.data()), answering Issued(cert, key, endpoint, options.mqttsPort()).
        this(options, (deviceId, accountId) ->
                new Provision.Refused("This cloud cannot issue certificates yet", 3600));
    }

    /** A cloud that provisions devices through {@code provisioner}. */
    public Cloud(CloudOptions options, Provisioner provisioner) {
        this.options = options;
        this.provisioner = provisioner;
        // HOOK(broker): take the embedded broker (org.openioto.cloud.broker) here and start it in
        // start() after the database, on options.mqttPort() / options.mqttsPort().
    }

    /**
     * Creates the data directory, opens and migrates the database, seeds it on first start and
     * starts serving HTTP. On failure everything started so far is stopped again.
     *
     * @throws IOException if the data directory or a port cannot be used
     * @throws SQLException if the database cannot be opened or migrated
     */
    public void start() throws IOException, SQLException {
        try {
            Files.createDirectories(options.data());
            db = Database.open(options.jdbcUrl());
            Migrations.apply(db);
            generatedAdminPassword = Seed.apply(db, options.adminPassword());
            http = new HttpApi(new InetSocketAddress(options.bind(), options.httpPort()),
                    new Products(db), new Devices(db, clock), new Users(db), new Sessions(db, clock),
                    provisioner, CloudIdentity.local(), clock);
            http.start();
        } catch (IOException | SQLException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the HTTP server and closes the database; safe to call more than once. */
    public void stop() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                // Nothing left to do with a connection that fails to close.
            }
            db = null;
        }
    }

    /** The bound HTTP address; only while started. */
    public InetSocketAddress httpAddress() {
        if (http == null) {
            throw new IllegalStateException("Cloud not started");
        }
        return http.address();
    }

    /** Base URL of the HTTP server, e.g. {@code http://127.0.0.1:9080}; only while started. */
    public String baseUrl() {
        InetSocketAddress a = httpAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The admin password made up at this first start, to show once; empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    public CloudOptions options() {
        return options;
    }
}
