package org.openioto.core.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.openioto.core.internal.RuntimeDirs;
import org.openioto.core.internal.Versions;
import org.openioto.core.internal.services.ServicePlan;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Loads the configuration files, publishes them as one ConfigAdmin configuration per
 * capability, and reloads them within a second of an edit. A broken edit is refused with its
 * file:line:column and the last good configuration stays in force. A configuration that cannot
 * be used at start-up is fatal when the OpenIoto launcher runs us (it offers an exit service);
 * elsewhere, as in Karaf, it is logged and the runtime waits for a good file.
 */
@Component(immediate = true, service = ConfigFiles.class)
public final class ConfigFiles {

    /** Exit code for a configuration that cannot be used at start-up. */
    public static final int EXIT_CONFIG = 2;

    private static final long POLL_MILLIS = 500;

    private final RuntimeDirs dirs;
    private final ConfigurationAdmin configAdmin;
    private final Logger log;
    private final Logger setup;
    private final ConfigLoader loader;
    private final String agentVersion;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openioto-config"));
    private volatile LoadedConfig current;
    private volatile String lastError;
    private List<String> fingerprint = List.of();

    @Activate
    public ConfigFiles(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference LoggerFactory logs,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, target = "(openioto.launcher=exit)")
            IntConsumer exit) {
        this.dirs = RuntimeDirs.from(context);
        this.configAdmin = configAdmin;
        this.log = logs.getLogger("app");
        this.setup = logs.getLogger("setup");
        this.agentVersion = Versions.of(context.getBundle().getVersion());
        this.loader = new ConfigLoader(dirs.config(), dirs.profile(), System.getenv());
        try {
            StateDirectory.ensureWritable(dirs.state());
            fingerprint = fingerprint();
            LoadedConfig loaded = loader.load();
            log.info("Starting OpenIoto {} in \"{}\" mode using \"{}\" profile", agentVersion, loaded.mode(),
                    loaded.profile());
            setup.info("Enabling services: {}",
                    String.join(" ", ServicePlan.at(loaded, dirs.state()).enabledNames()));
            apply(loaded);
        } catch (ConfigException | IOException e) {
            lastError = e.getMessage();
            setup.error("Cannot start with this configuration:\n{}", e.getMessage());
            if (exit != null) {
                exit.accept(EXIT_CONFIG);
            }
        }
        executor.scheduleWithFixedDelay(this::reloadIfChanged, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The configuration in force, if one was ever loaded. */
    public Optional<LoadedConfig> current() {
        return Optional.ofNullable(current);
    }

    /** Why the newest attempt to load failed, if it did. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public RuntimeDirs dirs() {
        return dirs;
    }

    /** The OpenIoto version, e.g. {@code 0.1.0}. */
    public String agentVersion() {
        return agentVersion;
    }

    private void reloadIfChanged() {
        try {
            List<String> now = fingerprint();
            if (now.equals(fingerprint)) {
                return;
            }
            fingerprint = now;
            LoadedConfig loaded = loader.load();
            setup.info("Configuration reloaded from {}", dirs.config());
            apply(loaded);
        } catch (ConfigException | IOException e) {
            lastError = e.getMessage();
            setup.error("Refused the edited configuration; the last good one stays in force:\n{}", e.getMessage());
        } catch (RuntimeException e) {
            setup.error("Configuration reload failed", e);
        }
    }

    private void apply(LoadedConfig loaded) throws IOException {
        loaded.warnings().forEach(w -> setup.warn("{}", w));
        for (Map.Entry<String, Map<String, Object>> pid : PidMapping.map(loaded, dirs.config(), dirs.state()).entrySet()) {
            Configuration configuration = configAdmin.getConfiguration(pid.getKey(), "?");
            Dictionary<String, Object> props = new Hashtable<>(pid.getValue());
            configuration.updateIfDifferent(props);
        }
        current = loaded;
        lastError = null;
    }

    /** Modification time and size of each file, so an edit is seen without reading them. */
    private List<String> fingerprint() {
        List<String> marks = new ArrayList<>();
        for (Path file : loader.watchedFiles()) {
            try {
                marks.add(Files.getLastModifiedTime(file).toInstant() + "/" + Files.size(file));
            } catch (NoSuchFileException e) {
                marks.add("-");
            } catch (IOException e) {
                marks.add("?" + e.getMessage());
            }
        }
        return marks;
    }
}
