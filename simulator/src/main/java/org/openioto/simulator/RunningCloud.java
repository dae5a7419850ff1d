package org.openioto.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
     * Checks that the cloud answers on its port and reads its CA certificate.
     *
     * @param authorityFile the cloud's {@code DATA/ca/ca.crt}
     * @throws IOException if nothing listens at {@code base} or the file cannot be read
     * @throws IllegalArgumentException if the file holds no certificate
     */
    RunningCloud(URI base, Path authorityFile, String password) throws IOException {
        this.base = base;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(base.getHost(), base.getPort()), CONNECT_MILLIS);
        } catch (IOException e) {
            throw new IOException("nothing answers at " + base + ": " + e.getMessage(), e);
        }
        try {
            this.authority = Pem.readCertificate(Files.readString(authorityFile, UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot read the CA certificate " + authorityFile + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        this.password = password;
    }

    private static final int CONNECT_MILLIS = 5_000;

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
