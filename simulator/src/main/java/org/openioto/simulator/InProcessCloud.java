package org.openioto.simulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;
import org.openioto.cloud.db.Tokens;
import org.openioto.cloud.pki.Pem;

/** A cloud in the simulator's own JVM, on free loopback ports, with its data in a temporary directory. */
final class InProcessCloud implements CloudUnderTest {

    private final Path data;
    private final String password;
    private final Cloud cloud;

    /** Starts the cloud; returns once it serves. */
    InProcessCloud() throws Exception {
        data = Files.createTempDirectory("openioto-simulator-cloud");
        password = Tokens.random();
        cloud = new Cloud(new CloudOptions(data, "127.0.0.1", 0, 0, 0, Optional.of(password), Optional.empty()));
        try {
            cloud.start();
        } catch (Exception e) {
            CloudUnderTest.delete(data);
            throw e;
        }
    }

    /** The cloud itself, for tests that change how it behaves. */
    Cloud cloud() {
        return cloud;
    }

    @Override
    public URI base() {
        return URI.create(cloud.baseUrl());
    }

    @Override
    public X509Certificate authority() {
        return Pem.readCertificate(cloud.authorityPem());
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String description() {
        return "in this JVM (simulator and cloud share one process, its CPU and its memory)";
    }

    @Override
    public OptionalLong rssKb() {
        return CloudUnderTest.rssKb(Path.of("/proc/self/status"));
    }

    @Override
    public void close() {
        cloud.stop();
        CloudUnderTest.delete(data);
    }
}
