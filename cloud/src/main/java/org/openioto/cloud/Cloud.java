package org.openioto.cloud;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.openioto.cloud.broker.Broker;
import org.openioto.cloud.db.BrokerDevices;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Migrations;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.UpdateReleases;
import org.openioto.cloud.db.Users;
import org.openioto.cloud.http.CloudIdentity;
import org.openioto.cloud.http.HttpApi;
import org.openioto.cloud.http.Provision;
import org.openioto.cloud.http.Provisioner;
import org.openioto.cloud.metrics.Metrics;
import org.openioto.cloud.pki.CertificateAuthority;
import org.openioto.cloud.pki.IssuedCertificate;
import org.openioto.cloud.pki.Pem;
import org.openioto.cloud.sync.Downlink;
import org.openioto.cloud.sync.Sync;

/**
 * A whole local device cloud: database, certificate authority, MQTT broker and HTTP APIs.
 * {@link #start()} brings them up in order, {@link #stop()} takes them down in reverse.
 * Not thread-safe: start and stop from one thread (or the shutdown hook).
 */
public final class Cloud {

    /** How long a device may stay over its publish rate before it is disconnected. */
    static final Duration THROTTLE_CLOSE_AFTER = Duration.ofMinutes(1);

    private final CloudOptions options;
    private final Provisioner provisioner;
    private final Clock clock = Clock.systemUTC();
    private Database db;
    private CertificateAuthority ca;
    private BrokerDevices brokerDevices;
    private Metrics metrics;
    private Sync sync;
    private Broker broker;
    private int mqttsPort;
    private HttpApi http;
    private Optional<String> generatedAdminPassword = Optional.empty();

    /** A cloud whose certificate authority provisions the devices. */
    public Cloud(CloudOptions options) {
        this(options, null);
    }

    /** A cloud that provisions devices through {@code provisioner}, or its own CA if null. */
    public Cloud(CloudOptions options, Provisioner provisioner) {
        this.options = options;
        this.provisioner = provisioner;
    }

    /**
     * Creates the data directory, opens and migrates the database, seeds it on first start, opens
     * the certificate authority, starts the MQTT broker (TLS on {@code --mqtts-port}, a free port
     * if 0) and serves HTTP. On failure everything started so far is stopped again.
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
            ca = CertificateAuthority.open(options.data().resolve("ca"));
            mqttsPort = options.mqttsPort() == 0 ? freePort() : options.mqttsPort();
            metrics = new Metrics(db, clock);
            sync = new Sync(db, clock, metrics);
            BrokerMessaging messaging = new BrokerMessaging(() -> broker);
            Throttle throttle = new Throttle(new Throttle.Limits(options.deviceRate(), THROTTLE_CLOSE_AFTER),
                    sync, messaging, clock);
            brokerDevices = new BrokerDevices(db);
            broker = new Broker(new Broker.Config(options.bind(), mqttsPort, options.mqttPort(),
                    options.data().resolve("broker")), ca, brokerDevices, throttle);
            sync.attach(Downlink.of(broker));
            http = new HttpApi(new InetSocketAddress(options.bind(), options.httpPort()),
                    new Products(db), new Devices(db, clock), new Users(db), new Sessions(db, clock),
                    provisioner != null ? provisioner : this::issue, CloudIdentity.local(), clock,
                    new UpdateReleases(db), options.data().resolve("updates"), messaging,
                    sync.store(), sync.commands(), metrics);
            http.start();
        } catch (IOException | SQLException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the HTTP server and the broker and closes the database; safe to call more than once. */
    public void stop() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (sync != null) {
            sync.close();
            sync = null;
        }
        if (metrics != null) {
            metrics.close(); // after sync, whose last messages may record samples
            metrics = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
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

    /**
     * A device certificate from the CA for the device's own key (its request) or a new one, and
     * where the device finds the broker.
     */
    private Provision issue(String deviceId, String accountId, Optional<String> csrPem) throws SQLException {
        Provision.Issued issued;
        if (csrPem.isPresent()) {
            String certificate = ca.signDevice(deviceId, csrPem.get(), options.certificateLifetime());
            issued = new Provision.Issued(certificate, Optional.empty(), endpointHost(), mqttsPort);
        } else {
            IssuedCertificate c = ca.issueDevice(deviceId, options.certificateLifetime());
            issued = new Provision.Issued(c.certificatePem(), Optional.of(c.privateKeyPem()), endpointHost(), mqttsPort);
        }
        brokerDevices.issued(deviceId, Pem.readCertificate(issued.certificatePem()));
        return issued;
    }

    /** The broker's host name for devices: the bound address, which its certificate names (localhost if all). */
    private String endpointHost() {
        String bind = options.bind();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Device data sync, and the cloud side's way to change Store items; only while started. */
    public Sync sync() {
        return sync;
    }

    /** The broker's TLS port; only while started. */
    public int mqttsPort() {
        return mqttsPort;
    }

    /** The certificate authority's certificate (PEM), which devices trust the broker by; only while started. */
    public String authorityPem() {
        return ca.certificatePem();
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
