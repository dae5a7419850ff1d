package org.openioto.core.internal.services;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openioto.config.Capability;
import org.openioto.core.internal.config.LoadedConfig;
import org.openioto.core.internal.config.Services;

/**
 * Decides which capabilities run from the {@code services} map, the overrides made in the shell
 * and Ioto's implications: sync needs database and mqtt; provision, shadow and logs need mqtt;
 * mqtt needs provision unless an explicit endpoint is configured; provision needs register and
 * serialize; logs need keys and keys need provision.
 */
public final class ServicePlan {

    private final Map<Capability, Want> wants;
    private final boolean explicitEndpoint;

    private ServicePlan(Map<Capability, Want> wants, boolean explicitEndpoint) {
        this.wants = wants;
        this.explicitEndpoint = explicitEndpoint;
    }

    /**
     * @param services the {@code services} map as configured (values true/false/'auto'...),
     *     {@code null} when ioto.json5 has none
     * @param mqttEndpoint {@code mqtt.endpoint}, empty or 'auto' when it comes from provisioning
     * @param demoEnable {@code demo.enable}, the 3.0 switch of the demo
     * @param overrides overrides made with ioto:enable / ioto:disable, by service name
     */
    public static ServicePlan compute(Map<String, Object> services, String mqttEndpoint, String demoEnable,
            Map<String, Boolean> overrides) {
        Map<Capability, Want> wants = new EnumMap<>(Capability.class);
        for (Capability c : Capability.values()) {
            wants.put(c, configured(c, services, demoEnable));
        }
        overrides.forEach((name, on) -> Capability.forService(name)
                .ifPresent(c -> wants.put(c, new Want(on, on ? "ioto:enable" : "ioto:disable"))));
        boolean explicitEndpoint = mqttEndpoint != null && !mqttEndpoint.isBlank()
                && !mqttEndpoint.trim().equalsIgnoreCase("auto");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Capability c : Capability.values()) {
                if (wants.get(c).wanted()) {
                    for (Capability needed : needs(c, explicitEndpoint)) {
                        if (!wants.get(needed).wanted()) {
                            wants.put(needed, new Want(true, "needed by " + c.serviceName()));
                            changed = true;
                        }
                    }
                }
            }
        }
        return new ServicePlan(wants, explicitEndpoint);
    }

    /**
     * The plan for a loaded configuration and the overrides kept in {@code stateDir}, as the
     * controller will compute it from the same inputs; for the start-up banner. A damaged
     * overrides file counts as none here; the controller reports it.
     */
    public static ServicePlan at(LoadedConfig config, Path stateDir) {
        @SuppressWarnings("unchecked")
        Map<String, Object> services = config.get("services").filter(Map.class::isInstance)
                .map(m -> (Map<String, Object>) m).orElse(null);
        ServiceOverrides overrides = new ServiceOverrides(stateDir);
        try {
            overrides.load();
        } catch (IOException e) {
            // ignored here, reported by the controller
        }
        return compute(services, config.getString("mqtt.endpoint").orElse(null),
                config.getString("demo.enable").orElse(null), overrides.peek(services));
    }

    /** The capabilities {@code c} cannot run without. */
    public static List<Capability> needs(Capability c, boolean explicitEndpoint) {
        return switch (c) {
            case SYNC -> List.of(Capability.DATABASE, Capability.MQTT);
            case SHADOW -> List.of(Capability.MQTT);
            case LOGS -> List.of(Capability.KEYS, Capability.MQTT);
            case KEYS -> List.of(Capability.PROVISION);
            case MQTT -> explicitEndpoint ? List.of() : List.of(Capability.PROVISION);
            case PROVISION -> List.of(Capability.REGISTER, Capability.SERIALIZE, Capability.MQTT);
            default -> List.of();
        };
    }

    private static Want configured(Capability c, Map<String, Object> services, String demoEnable) {
        if (services == null) {
            return new Want(c == Capability.WEB, "default");
        }
        Object value = services.get(c.serviceName());
        if (c == Capability.DEMO && value == null && demoEnable != null) {
            return new Want(Services.isOn(demoEnable), "demo.enable");
        }
        if (value == null) {
            return switch (c) {
                case DATABASE, WEB -> new Want(true, "default");
                case REGISTER -> new Want(Services.isOn(services.get("provision")), "default: as provision");
                case SERIALIZE -> new Want(Services.isOn(services.get("provision")), "default: as provision");
                default -> new Want(false, "default");
            };
        }
        return new Want(Services.isOn(value), "ioto.json5");
    }

    public Want want(Capability c) {
        return wants.get(c);
    }

    /** The services that are on, with Ioto's short name for the database ({@code db}). */
    public List<String> enabledNames() {
        List<String> names = new ArrayList<>();
        wants.forEach((c, w) -> {
            if (w.wanted()) {
                names.add(c == Capability.DATABASE ? "db" : c.serviceName());
            }
        });
        return names;
    }

    /** The running capabilities that need {@code c}, for refusing to disable it. */
    public List<String> neededBy(Capability c) {
        List<String> by = new ArrayList<>();
        wants.forEach((other, w) -> {
            if (w.wanted() && needs(other, explicitEndpoint).contains(c)) {
                by.add(other.serviceName());
            }
        });
        return by;
    }

    /** Parses a service name typed in the shell. */
    public static Capability parseName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Optional<Capability> c = Capability.forService(n.equals("db") ? "database" : n);
        return c.orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'; services are "
                + String.join(", ", Arrays.stream(Capability.values()).map(Capability::serviceName).toList())));
    }
}
