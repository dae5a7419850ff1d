package org.openioto.cloud.db;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The rows a new cloud starts with: a default product that the gateway's stock configuration
 * registers with, and an {@code admin} user with an account of its own.
 */
public final class Seed {

    /**
     * The default product's token. config/device.json5 sets no {@code product} as of this
     * writing, so this is the public Ioto evaluation token (ioto-reference 1.5, "the public eval
     * token"), the value Ioto's own sample device.json5 carries. Put this value in device.json5's
     * {@code product} (or IOTO_PRODUCT) to register with this cloud without creating a product.
     */
    public static final String DEFAULT_PRODUCT_TOKEN = "01H4R15D3478JD26YDYK408XE6";
    static final String DEFAULT_PRODUCT_NAME = "Default product";
    public static final String ADMIN = "admin";

    private Seed() {
    }

    /**
     * Adds the default product and the admin user if they are missing. Returns the admin password
     * when one was generated, so the caller can show it once; it is stored only as a hash.
     *
     * @param adminPassword the password to give a new admin user; empty for a random one
     */
    public static Optional<String> apply(Database db, Optional<String> adminPassword) throws SQLException {
        db.transaction(c -> {
            if (Products.byToken(c, DEFAULT_PRODUCT_TOKEN).isEmpty()) {
                Products.create(c, DEFAULT_PRODUCT_NAME, DEFAULT_PRODUCT_TOKEN);
            }
            return null;
        });
        if (db.transaction(c -> Users.exists(c, ADMIN))) {
            return Optional.empty();
        }
        String password = adminPassword.orElseGet(() -> Tokens.random().substring(0, 20));
        String hash = Passwords.hash(password);
        db.transaction(c -> {
            Users.createWithAccount(c, ADMIN, hash);
            return null;
        });
        return adminPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }
}
