package org.openioto.cloud.db;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A device as the cloud knows it: registered under a product, then claimed into an account and
 * given a device token, then provisioned with a certificate.
 */
public record Device(
        String id,
        long productId,
        Optional<Long> accountId,
        OffsetDateTime registered,
        Optional<OffsetDateTime> claimed,
        Optional<String> tokenHash,
        Optional<OffsetDateTime> provisioned,
        Optional<OffsetDateTime> blockedUntil) {

    /** True once a user has claimed the device into an account. */
    public boolean isClaimed() {
        return accountId.isPresent();
    }
}
