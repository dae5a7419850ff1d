package org.openioto.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.OptionalLong;
import org.openioto.cloud.pki.Pem;

/** A cloud someone else started, on loopback; the simulator only talks to it. */
final class RunningCloud implements CloudUnderTest {

    private final URI base;
    private final X509Certificate authority;
    private final String password;

    /**
     * @param authorityFile the cloud's {@code DATA/ca/ca.crt}
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate
     */
    RunningCloud(URI base, Path authorityFile, String password) throws IOException {
        this.base = base;
        this.authority = Pem.readCertificate(Files.readString(authorityFile, UTF_8));
        this.password = password;
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public X509Certificate authority() {
        return authority;
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String description() {
        return "running at " + base;
    }

    @Override
    public OptionalLong rssKb() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
