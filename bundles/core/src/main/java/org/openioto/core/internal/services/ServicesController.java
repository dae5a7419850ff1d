package org.openioto.core.internal.services;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openioto.config.Capability;
import org.openioto.core.internal.RuntimeDirs;
import org.openioto.core.internal.Versions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.BundleTracker;

/**
 * Starts and stops the capability bundles so that they match the {@code services} map
 * (configuration {@code org.openioto.core}), the shell's overrides and Ioto's implications.
 * Bundles installed or removed later, from the shell, Karaf or the capability directory, are
 * picked up as they come and go. Starts and stops are transient: after a restart this
 * controller, not the framework's memory, decides what runs.
 *
 * <p>This component is about the framework itself, so it works with bundles directly.
 */
@Component(configurationPid = "org.openioto.core", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = ServicesController.class)
public final class ServicesController {

    /** One line of {@code ioto:services}. */
    public record Row(String service, Want want, String bundle, String state) {
    }

    private final BundleContext context;
    private final Logger log;
    private final Logger setup;
    private final String agentVersion;
    private final ServiceOverrides overrides;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openioto-services"));
    private final BundleTracker<Bundle> tracker;
    private final Map<Capability, String> failures = new ConcurrentHashMap<>();
    private volatile Map<String, Object> props;
    private volatile boolean ready;
    private List<String> announced = List.of();
    private final Set<Capability> reportedMissing = EnumSet.noneOf(Capability.class);

    @Activate
    public ServicesController(BundleContext context, Map<String, Object> props, @Reference LoggerFactory logs) {
        this.context = context;
        this.log = logs.getLogger("app");
        this.setup = logs.getLogger("setup");
        this.agentVersion = Versions.of(context.getBundle().getVersion());
        RuntimeDirs dirs = RuntimeDirs.from(context);
        this.overrides = new ServiceOverrides(dirs.state());
        try {
            overrides.load();
        } catch (IOException e) {
            setup.error("{}", e.getMessage());
        }
        this.props = props;
        // the start-up banner already listed the services (ConfigFiles); log only changes here
        this.announced = currentPlan().enabledNames();
        this.tracker = new BundleTracker<>(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING
                | Bundle.ACTIVE | Bundle.STOPPING | Bundle.UNINSTALLED, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                if (!isCapability(bundle)) {
                    return null;
                }
                // a capability installed after start-up may never change state by itself
                reconcileLater();
                return bundle;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                reconcileLater();
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                reconcileLater();
            }
        };
        tracker.open();
        dirs.capabilities().ifPresent(dir -> {
            CapabilityDirectory watched = new CapabilityDirectory(dir, context, setup);
            executor.scheduleWithFixedDelay(watched::scan, 0, 1, TimeUnit.SECONDS);
        });
        reconcileLater();
    }

    @Modified
    void modified(Map<String, Object> props) {
        this.props = props;
        reconcileLater();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        tracker.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The state of every service, in the order of the services map. */
    public List<Row> rows() {
        ServicePlan p = currentPlan();
        List<Row> rows = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if (c == Capability.SERIALIZE) {
                rows.add(new Row(c.serviceName(), p.want(c), c.bundleName(), "built in"));
                continue;
            }
            Optional<Bundle> b = bundleOf(c);
            String failure = failures.get(c);
            String state = b.map(ServicesController::stateName).orElse("missing")
                    + (failure == null ? "" : " (" + failure + ")");
            rows.add(new Row(c.serviceName(), p.want(c), b.map(x -> c.bundleName() + " " + x.getVersion())
                    .orElse(c.bundleName()), state));
        }
        return rows;
    }

    /** True once every wanted capability that is installed has started. */
    public boolean isReady() {
        return ready;
    }

    /**
     * Turns a service on or off now and keeps the choice across restarts.
     *
     * @return what happened, for the shell
     * @throws IllegalArgumentException for an unknown name, or turning off what others need
     */
    public String set(String name, boolean on) throws IOException, InterruptedException {
        Capability c = ServicePlan.parseName(name);
        ServicePlan p = currentPlan();
        if (!on) {
            List<String> by = p.neededBy(c);
            if (!by.isEmpty()) {
                throw new IllegalArgumentException(c.serviceName() + " is needed by " + String.join(", ", by)
                        + "; disable " + (by.size() == 1 ? "it" : "them") + " first");
            }
        }
        synchronized (overrides) {
            overrides.put(c.serviceName(), on, services());
        }
        try {
            CompletableFuture.runAsync(this::reconcile, executor).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return c.serviceName() + (on ? " enabled" : " disabled") + "; its bundle has not settled: " + e;
        }
        Row row = rows().stream().filter(r -> r.service().equals(c.serviceName())).findFirst().orElseThrow();
        return c.serviceName() + (on ? " enabled" : " disabled") + ": " + row.bundle() + " " + row.state();
    }

    private void reconcileLater() {
        if (!executor.isShutdown()) {
            executor.execute(this::reconcile);
        }
    }

    private void reconcile() {
        if ((context.getBundle(0).getState() & Bundle.STOPPING) != 0
                || context.getBundle().getState() == Bundle.STOPPING) {
            // the framework is stopping the bundles itself; starting them again would fight it
            return;
        }
        ServicePlan p = currentPlan();
        List<String> names = p.enabledNames();
        if (!names.equals(announced)) {
            setup.info("Enabling services: {}", String.join(" ", names));
            announced = names;
        }
        for (Capability c : Capability.values()) {
            boolean missing = c != Capability.SERIALIZE && p.want(c).wanted() && bundleOf(c).isEmpty();
            if (missing && reportedMissing.add(c)) {
                setup.warn("Service {} is enabled but not available: bundle {} is not installed",
                        c.serviceName(), c.bundleName());
            } else if (!missing) {
                reportedMissing.remove(c);
            }
        }
        boolean allStarted = true;
        for (Capability c : Capability.values()) {
            if (c == Capability.SERIALIZE) {
                continue;
            }
            Optional<Bundle> b = bundleOf(c);
            if (b.isPresent()) {
                allStarted &= apply(c, b.get(), p.want(c).wanted());
            } else {
                failures.remove(c);
            }
        }
        if (allStarted && !ready) {
            ready = true;
            log.info("OpenIoto {} ready", agentVersion);
        }
    }

    /** Starts or stops one bundle; answers whether it is now where it should be. */
    private boolean apply(Capability c, Bundle b, boolean wanted) {
        boolean active = (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
        try {
            if (wanted && !active) {
                b.start(Bundle.START_TRANSIENT);
                setup.info("Started {}", c.serviceName());
            } else if (!wanted && active) {
                b.stop(Bundle.STOP_TRANSIENT);
                setup.info("Stopped {}", c.serviceName());
            }
            failures.remove(c);
            return !wanted || b.getState() == Bundle.ACTIVE;
        } catch (BundleException | IllegalStateException e) {
            if (b.getState() == Bundle.UNINSTALLED) {
                // uninstalled while we were at it (its stop event brought us here); its removal reconciles again
                return false;
            }
            if (!String.valueOf(e.getMessage()).equals(failures.put(c, String.valueOf(e.getMessage())))) {
                setup.error("Cannot {} {}: {}", wanted ? "start" : "stop", c.serviceName(), e.getMessage());
            }
            return false;
        }
    }

    private ServicePlan currentPlan() {
        Map<String, Boolean> inForce;
        synchronized (overrides) {
            try {
                inForce = overrides.inForce(services());
            } catch (IOException e) {
                setup.error("Cannot update the service overrides: {}", e.getMessage());
                inForce = Map.of();
            }
        }
        Object demo = props.get("demo.enable");
        return ServicePlan.compute(services(), endpoint(), demo == null ? null : String.valueOf(demo), inForce);
    }

    /** The services map from the configuration, or null if it has none. */
    private Map<String, Object> services() {
        Map<String, Object> services = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith("services.")) {
                services.put(k.substring("services.".length()), v);
            }
        });
        return services.isEmpty() ? null : services;
    }

    private String endpoint() {
        Object e = props.get("mqtt.endpoint");
        return e == null ? null : String.valueOf(e);
    }

    private Optional<Bundle> bundleOf(Capability c) {
        return Arrays.stream(context.getBundles())
                .filter(b -> c.bundleName().equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED)
                .max((a, b) -> a.getVersion().compareTo(b.getVersion()));
    }

    private static boolean isCapability(Bundle b) {
        String name = b.getSymbolicName();
        return name != null && Arrays.stream(Capability.values())
                .anyMatch(c -> c != Capability.SERIALIZE && c.bundleName().equals(name));
    }

    private static String stateName(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.RESOLVED -> "stopped";
            case Bundle.INSTALLED -> "installed (unresolved)";
            default -> "uninstalled";
        };
    }
}
