package org.openioto.core.internal.shell;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.openioto.core.internal.config.ConfigFiles;
import org.openioto.core.internal.config.ConfigText;
import org.openioto.core.internal.config.LoadedConfig;
import org.openioto.core.internal.services.ServicesController;
import org.openioto.identity.DeviceIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code ioto:*} Gogo commands: services, enable, disable, status, config. Each prints text
 * for people on the session's output (Gogo routes {@code System.out} there; printing rather than
 * returning makes the text appear over Karaf's {@code ssh host 'ioto:status'} too, which drops
 * returned values). A mistake in the arguments throws IllegalArgumentException with a message
 * that says what was wrong.
 */
@Component(service = IotoCommands.class, property = {
        "osgi.command.scope=ioto",
        "osgi.command.function=services", "osgi.command.function=enable", "osgi.command.function=disable",
        "osgi.command.function=status", "osgi.command.function=config"})
public final class IotoCommands {

    private final ConfigFiles config;
    private final ServicesController controller;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeviceIdentity identity;

    @Activate
    public IotoCommands(@Reference ConfigFiles config, @Reference ServicesController controller) {
        this.config = config;
        this.controller = controller;
    }

    /** ioto:services: every service with whether it is wanted (and why), its bundle and state. */
    public void services() {
        Table t = new Table("SERVICE", "WANTED", "WHY", "BUNDLE", "STATE");
        for (ServicesController.Row r : controller.rows()) {
            t.add(r.service(), r.want().wanted() ? "yes" : "no", r.want().reason(), r.bundle(), r.state());
        }
        print(t.toString());
    }

    /** ioto:enable NAME: starts a service now and keeps it on across restarts. */
    public void enable(String name) throws IOException, InterruptedException {
        print(controller.set(name, true) + "\n");
    }

    /** ioto:disable NAME: stops a service now and keeps it off across restarts. */
    public void disable(String name) throws IOException, InterruptedException {
        print(controller.set(name, false) + "\n");
    }

    /** ioto:status: version, profile, mode, claim ID and the state of each capability. */
    public void status() {
        Optional<LoadedConfig> c = config.current();
        DeviceIdentity id = identity;
        StringBuilder out = new StringBuilder();
        line(out, "OpenIoto", config.agentVersion() + (controller.isReady() ? " (ready)" : " (starting)"));
        line(out, "Firmware", c.map(LoadedConfig::version).orElse("-"));
        line(out, "Profile", c.map(LoadedConfig::profile).orElse("-"));
        line(out, "Mode", c.map(LoadedConfig::mode).orElse("-"));
        line(out, "Claim ID", id == null ? "(none yet)" : id.claimId());
        line(out, "Config", config.dirs().config().toString());
        line(out, "State", config.dirs().state().toString());
        config.lastError().ifPresent(e -> line(out, "Config error", e.replace('\n', ' ')));
        Table t = new Table("CAPABILITY", "WANTED", "STATE");
        controller.rows().forEach(r -> t.add(r.service(), r.want().wanted() ? "yes" : "no", r.state()));
        print(out.append('\n').append(t).toString());
    }

    /** ioto:config: the merged configuration with secrets masked. */
    public void config() {
        print(config.current().map(c -> ConfigText.masked(c.root()))
                .orElseThrow(() -> new IllegalStateException("no configuration is loaded: "
                        + config.lastError().orElse("none found"))) + "\n");
    }

    /** ioto:config PATH: one part of the merged configuration, e.g. {@code mqtt} or {@code mqtt.port}. */
    public void config(String path) {
        LoadedConfig c = config.current().orElseThrow(() -> new IllegalStateException("no configuration is loaded"));
        Object value = c.get(path).orElseThrow(() -> new IllegalArgumentException("no key '" + path
                + "' in the configuration; keys at the top are " + String.join(", ", c.root().keySet())));
        String last = path.substring(path.lastIndexOf('.') + 1);
        print((value instanceof java.util.Map || value instanceof List ? ConfigText.masked(value)
                : String.valueOf(ConfigText.maskValue(last, value))) + "\n");
    }

    private static void print(String text) {
        System.out.print(text);
        System.out.flush();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-13s %s%n", label + ":", value));
    }
}
