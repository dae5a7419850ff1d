package org.openioto.identity;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The identity of this device. Registered as a service only once a claim ID is known, so
 * capabilities that need the ID express that need as a mandatory reference.
 */
@ProviderType
public interface DeviceIdentity {

    /** The claim ID: 10 characters of Crockford base 32, or an ID configured in device.json5. */
    String claimId();

    /** The Builder product token from device.json5, if one is configured. */
    Optional<String> product();
}
