package org.openioto.core.internal.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/**
 * Keeps the bundles installed from a directory in step with its jar files: a jar dropped in is
 * installed (not started: the services map decides that), a changed jar updates its bundle,
 * a removed jar uninstalls it. A cheap stamp of each file tells that something may have changed;
 * the SHA-256 of what was installed, kept in this bundle's data area, tells whether a jar really
 * is new, since reproducible builds give every jar the same modification time.
 */
final class CapabilityDirectory {

    private final Path dir;
    private final BundleContext context;
    private final Logger log;
    private final Path digestFile;
    private final Properties digests = new Properties();
    private final Map<String, String> seen = new HashMap<>();

    CapabilityDirectory(Path dir, BundleContext context, Logger log) {
        this.dir = dir.toAbsolutePath().normalize();
        this.context = context;
        this.log = log;
        this.digestFile = context.getDataFile("capability-jars.properties").toPath();
        try (InputStream in = Files.newInputStream(digestFile)) {
            digests.load(in);
        } catch (NoSuchFileException e) {
            // nothing installed from the directory yet
        } catch (IOException e) {
            log.warn("Cannot read {}; every capability jar is taken as new: {}", digestFile, e.toString());
        }
    }

    /** One pass over the directory; called from the controller's thread. */
    void scan() {
        Map<String, String> jars = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : files) {
                jars.put(jar.toUri().toString(), stamp(jar));
            }
        } catch (IOException e) {
            return;
        }
        if (jars.equals(seen)) {
            return;
        }
        Map<String, String> pending = new HashMap<>(jars);
        boolean refresh = false;
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location.startsWith(dir.toUri().toString())) {
                refresh |= pending.remove(location) == null ? uninstall(b) : updateIfChanged(b);
            }
        }
        pending.keySet().forEach(this::install);
        save();
        if (refresh) {
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
        }
        seen.clear();
        seen.putAll(jars);
    }

    private void install(String location) {
        try {
            Bundle b = context.installBundle(location);
            digests.setProperty(location, digest(location));
            if (b.getSymbolicName() == null) {
                log.error("{} is not an OSGi bundle (no Bundle-SymbolicName); it stays uninstalled", location);
                b.uninstall();
                return;
            }
            log.info("Installed {} {} from {}", b.getSymbolicName(), b.getVersion().toString(), location);
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("Cannot install {}: {}", location, e.getMessage());
        }
    }

    private boolean uninstall(Bundle b) {
        try {
            b.uninstall();
            digests.remove(b.getLocation());
            log.info("Uninstalled {}: its jar was removed", b.getSymbolicName());
            return true;
        } catch (BundleException | RuntimeException e) {
            log.error("Cannot uninstall {}: {}", b.getSymbolicName(), e.getMessage());
            return false;
        }
    }

    private boolean updateIfChanged(Bundle b) {
        try {
            String now = digest(b.getLocation());
            if (now.equals(digests.getProperty(b.getLocation()))) {
                return false;
            }
            b.update();
            digests.setProperty(b.getLocation(), now);
            log.info("Updated {} to {}", b.getSymbolicName(), b.getVersion());
            return true;
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("Cannot update {}: {}", b.getSymbolicName(), e.getMessage());
            return false;
        }
    }

    private void save() {
        try (OutputStream out = Files.newOutputStream(digestFile)) {
            digests.store(out, "SHA-256 of the capability jars as installed");
        } catch (IOException e) {
            log.warn("Cannot write {}: {}", digestFile, e.toString());
        }
    }

    /**
     * What changes whenever the file's content may have: modification time and size alone do not,
     * since a rebuilt jar carries the reproducible build's time and often the old size. The change
     * time cannot be set back, and a jar moved into place is another inode. Without them (no
     * {@code unix} view) the content itself is the stamp.
     */
    private static String stamp(Path jar) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(jar, "unix:ino,ctime,lastModifiedTime,size");
            return a.get("ino") + "/" + a.get("ctime") + "/" + a.get("lastModifiedTime") + "/" + a.get("size");
        } catch (UnsupportedOperationException e) {
            return digest(jar.toUri().toString());
        }
    }

    private static String digest(String location) throws IOException {
        try {
            byte[] jar = Files.readAllBytes(Path.of(java.net.URI.create(location)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
