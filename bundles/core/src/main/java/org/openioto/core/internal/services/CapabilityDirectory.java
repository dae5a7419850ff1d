package org.openioto.core.internal.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/**
 * Keeps the bundles installed from a directory in step with its jar files: a jar dropped in is
 * installed (not started: the services map decides that), a changed jar updates its bundle,
 * a removed jar uninstalls it.
 */
final class CapabilityDirectory {

    private final Path dir;
    private final BundleContext context;
    private final Logger log;
    private final Map<String, Long> seen = new HashMap<>();

    CapabilityDirectory(Path dir, BundleContext context, Logger log) {
        this.dir = dir.toAbsolutePath().normalize();
        this.context = context;
        this.log = log;
    }

    /** One pass over the directory; called from the controller's thread. */
    void scan() {
        Map<String, Long> jars = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : files) {
                jars.put(jar.toUri().toString(), Files.getLastModifiedTime(jar).toMillis());
            }
        } catch (IOException e) {
            return;
        }
        if (jars.equals(seen)) {
            return;
        }
        Map<String, Long> pending = new HashMap<>(jars);
        boolean refresh = false;
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location.startsWith(dir.toUri().toString())) {
                Long modified = pending.remove(location);
                refresh |= modified == null ? uninstall(b) : changed(location, modified, b) && update(b);
            }
        }
        pending.keySet().forEach(this::install);
        if (refresh) {
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
        }
        seen.clear();
        seen.putAll(jars);
    }

    private boolean changed(String location, long modified, Bundle b) {
        Long before = seen.get(location);
        return before == null ? modified > b.getLastModified() : before != modified;
    }

    private void install(String location) {
        try {
            Bundle b = context.installBundle(location);
            log.info("Installed {} {} from {}", b.getSymbolicName(), b.getVersion(), location);
        } catch (BundleException | RuntimeException e) {
            log.error("Cannot install {}: {}", location, e.getMessage());
        }
    }

    private boolean uninstall(Bundle b) {
        try {
            b.uninstall();
            log.info("Uninstalled {}: its jar was removed", b.getSymbolicName());
            return true;
        } catch (BundleException | RuntimeException e) {
            log.error("Cannot uninstall {}: {}", b.getSymbolicName(), e.getMessage());
            return false;
        }
    }

    private boolean update(Bundle b) {
        try {
            b.update();
            log.info("Updated {} to {}", b.getSymbolicName(), b.getVersion());
            return true;
        } catch (BundleException | RuntimeException e) {
            log.error("Cannot update {}: {}", b.getSymbolicName(), e.getMessage());
            return false;
        }
    }
}
