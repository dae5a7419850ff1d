package org.openioto.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A capability of the agent, as named by the {@code services} map of ioto.json5.
 * Each one is delivered by the bundle {@link #bundleName()} and configured through the
 * ConfigAdmin configuration {@link #pid()}.
 */
public enum Capability {
    DATABASE("store", "store"),
    DEMO("demo", "demo"),
    KEYS("keys", "keys"),
    LOGS("logs", "logs"),
    MQTT("mqtt", "mqtt"),
    PROVISION("provision", "provision"),
    REGISTER("register", "register"),
    SERIALIZE("core", "identity"),
    SHADOW("shadow", "shadow"),
    SYNC("sync", "sync"),
    UPDATE("update", "update"),
    URL("url", "url"),
    WEB("web", "web");

    /** Prefix of every OpenIoto bundle symbolic name and configuration PID. */
    public static final String PREFIX = "org.openioto.";

    private final String bundle;
    private final String config;

    Capability(String bundle, String config) {
        this.bundle = bundle;
        this.config = config;
    }

    /** The key of this capability in the {@code services} map, e.g. {@code "database"}. */
    public String serviceName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The symbolic name of the bundle that delivers it, e.g. {@code org.openioto.store}. */
    public String bundleName() {
        return PREFIX + bundle;
    }

    /** The ConfigAdmin PID of its configuration, e.g. {@code org.openioto.mqtt}. */
    public String pid() {
        return PREFIX + config;
    }

    /** The capability with the given {@code services} key, if there is one. */
    public static Optional<Capability> forService(String name) {
        return Arrays.stream(values()).filter(c -> c.serviceName().equals(name)).findFirst();
    }
}
