package org.openioto.cloud.broker;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * What the broker asks the cloud about a device: whether its certificate is still the one the
 * cloud issued it (not revoked), and which account it belongs to. Called on broker threads, once
 * per connection and once per subscription, so answers must come quickly.
 */
public interface DeviceDirectory {

    /** Accepts every certificate the CA signed and knows of no accounts (only {@code all} is readable). */
    DeviceDirectory OPEN = new DeviceDirectory() {
        @Override
        public boolean accepts(String clientId, X509Certificate certificate) {
            return true;
        }

        @Override
        public Optional<String> accountOf(String clientId) {
            return Optional.empty();
        }
    };

    /** Whether {@code clientId}, whose certificate's CN it is, may connect with {@code certificate}. */
    boolean accepts(String clientId, X509Certificate certificate);

    /** The account (its id as text) device {@code clientId} is claimed into, if any. */
    Optional<String> accountOf(String clientId);
}
