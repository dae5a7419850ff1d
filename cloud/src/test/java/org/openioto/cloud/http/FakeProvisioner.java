package org.openioto.cloud.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the certificate authority: hands out fixed PEM text, or a set refusal. */
final class FakeProvisioner implements Provisioner {

    static final String CERT = "-----BEGIN CERTIFICATE-----\nFAKE\n-----END CERTIFICATE-----\n";
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nFAKE\n-----END PRIVATE KEY-----\n";

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Provision.Refused refusal;

    @Override
    public Provision provision(String deviceId, String accountId, Optional<String> csrPem) {
        calls.add(deviceId + "@" + accountId + csrPem.map(csr -> " with a request").orElse(""));
        return refusal != null ? refusal
                : new Provision.Issued(CERT, csrPem.isPresent() ? Optional.empty() : Optional.of(KEY), "localhost", 8883);
    }
}
