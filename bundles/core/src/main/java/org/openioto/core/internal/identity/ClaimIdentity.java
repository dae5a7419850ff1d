package org.openioto.core.internal.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openioto.identity.DeviceIdentity;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Finds the device's claim ID and registers the {@link DeviceIdentity} service once it is
 * known. An ID configured in device.json5 wins; else the ID kept in the state directory; else
 * one is made as {@code services.serialize} says: {@code auto} generates it here,
 * {@code factory} asks the factory's HTTP service or command (retrying every 2 seconds),
 * {@code none} leaves the device without an ID. A new ID is kept in the state directory.
 *
 * <p>The service is registered by hand, not by DS, because it must not exist until the ID does,
 * and a factory ID may arrive long after activation; the bundle declares it as a capability so
 * that resolvers (Karaf's features) know core provides it.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.openioto.identity.DeviceIdentity\"")
@Component(configurationPid = "org.openioto.identity", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = ClaimIdentity.Config.class)
public final class ClaimIdentity {

    @ObjectClassDefinition(name = "OpenIoto identity", description = "The device claim ID (device.json5, services.serialize)")
    public @interface Config {
        @AttributeDefinition(required = false, description = "Claim ID from device.json5 'id'; generated when empty")
        String id() default "";

        @AttributeDefinition(required = false, description = "Builder product token (device.json5 'product')")
        String product() default "";

        @AttributeDefinition(description = "services.serialize: auto, factory or none")
        String serialize() default "auto";

        @AttributeDefinition(required = false, description = "api.serialize: factory URL (http...) or command")
        String serializeUrl() default "";

        @AttributeDefinition(name = "directories.state")
        String directories_state() default "state";
    }

    private static final Duration FACTORY_RETRY = Duration.ofSeconds(2);

    private final Config config;
    private final BundleContext context;
    private final Logger log;
    private final IdentityFile file;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openioto-identity"));
    private volatile ServiceRegistration<DeviceIdentity> registration;

    @Activate
    public ClaimIdentity(Config config, BundleContext context, @Reference LoggerFactory logs) {
        this.config = config;
        this.context = context;
        this.log = logs.getLogger("app");
        this.file = new IdentityFile(Path.of(config.directories_state()));
        String mode = config.serialize().trim().toLowerCase(Locale.ROOT);
        if (!config.id().isBlank()) {
            register(ClaimIds.validate(config.id().trim(), "device.json5 'id'"));
            return;
        }
        Optional<String> stored = readStored();
        if (stored.isPresent()) {
            register(stored.get());
        } else if (mode.equals("factory")) {
            FactoryClient factory = new FactoryClient(config.serializeUrl(), config.product());
            executor.execute(() -> fetchFromFactory(factory, false));
        } else if (mode.equals("none") || mode.equals("false")) {
            log.warn("No claim ID: device.json5 has no 'id' and services.serialize is '{}'", config.serialize());
        } else {
            String id = ClaimIds.generate(new SecureRandom());
            keep(id, "generated");
            register(id);
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServiceRegistration<DeviceIdentity> r = registration;
        if (r != null) {
            r.unregister();
        }
    }

    private Optional<String> readStored() {
        try {
            return file.read();
        } catch (IOException e) {
            log.error("Cannot use the stored claim ID in {}: {}", file.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private void keep(String id, String source) {
        try {
            file.write(id, source);
        } catch (IOException e) {
            log.error("Cannot keep the claim ID in {}; it will change at the next start: {}", file.path(), e.toString());
        }
    }

    private synchronized void register(String id) {
        log.info("Device Claim ID: {}", id);
        String product = config.product().isBlank() ? null : config.product().trim();
        DeviceIdentity identity = new FixedIdentity(id, Optional.ofNullable(product));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("claimId", id);
        registration = context.registerService(DeviceIdentity.class, identity, props);
    }

    /** One attempt; a failure schedules the next one. Runs on the executor. */
    private void fetchFromFactory(FactoryClient factory, boolean warned) {
        try {
            String id = factory.fetch();
            keep(id, "factory");
            register(id);
        } catch (IOException | IllegalArgumentException e) {
            if (!warned) {
                log.warn("Cannot get a claim ID from the factory ({}), retrying every {} s: {}", factory.source(),
                        FACTORY_RETRY.toSeconds(), e.getMessage());
            }
            if (!executor.isShutdown()) {
                executor.schedule(() -> fetchFromFactory(factory, true), FACTORY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record FixedIdentity(String claimId, Optional<String> product) implements DeviceIdentity {
    }
}
