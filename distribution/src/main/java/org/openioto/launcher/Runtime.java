package org.openioto.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Runs the OSGi framework in the foreground: installs and starts the bundles of
 * {@code bundle/}, leaves {@code capability/} to core's services map, and stops cleanly on
 * SIGTERM or when core reports a configuration it cannot start with.
 */
final class Runtime {

    /** How long a stop may take before the process exits anyway. */
    private static final long STOP_MILLIS = 9_000;

    private final Path home;
    private final Options options;
    private final AtomicInteger exitCode = new AtomicInteger();

    Runtime(Path home, Options options) {
        this.home = home;
        this.options = options;
    }

    int run() {
        Path state = options.state();
        try {
            Files.createDirectories(state.resolve("runtime"));
            Files.delete(Files.createTempFile(state.resolve("runtime"), ".write-check", ".tmp"));
        } catch (IOException | SecurityException e) {
            System.err.println("openioto: the state directory " + state + " is not writable: " + e);
            return 2;
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework in lib/"))
                .newFramework(properties(state));
        try {
            framework.init();
            // before any bundle starts: core announces "ready" and opens its console while the
            // remaining bundles are still being started, and a SIGTERM from then on must stop cleanly
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndWait(framework), "openioto-stop"));
            BundleContext context = framework.getBundleContext();
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("openioto.launcher", "exit");
            context.registerService(IntConsumer.class, code -> stop(framework, code), props);
            List<Bundle> bundles = install(context, home.resolve("bundle"),
                    new InstalledJars(state.resolve("runtime/installed-jars.properties")));
            framework.start();
            for (Bundle b : bundles) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    start(b);
                }
            }
            framework.waitForStop(0);
        } catch (BundleException | IOException e) {
            System.err.println("openioto: cannot start the framework: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode.get();
    }

    private Map<String, String> properties(Path state) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, state.resolve("runtime/felix-cache").toString());
        p.put("felix.log.level", "1");
        p.put("org.apache.felix.log.maxSize", "500");
        p.put("org.osgi.service.log.admin.loglevel", "INFO");
        p.put("openioto.config", options.config().toString());
        p.put("openioto.state", state.toString());
        p.put("openioto.capabilities", home.resolve("capability").toString());
        p.put("openioto.console", state.resolve("runtime/console.json5").toString());
        p.put("openioto.log.console", "true");
        options.profile().ifPresent(profile -> p.put("openioto.profile", profile));
        return p;
    }

    /** Installs the jars of {@code dir}, updates changed ones, removes bundles whose jar is gone. */
    private static List<Bundle> install(BundleContext context, Path dir, InstalledJars installed)
            throws IOException, BundleException {
        Map<String, Path> jars = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            files.forEach(f -> jars.put(f.toUri().toString(), f));
        }
        List<Bundle> result = new ArrayList<>();
        boolean refresh = false;
        String prefix = dir.toUri().toString();
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            Path jar = jars.remove(location);
            if (jar != null) {
                if (installed.changed(location, jar)) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        b.update(in);
                    }
                    installed.installed(location, jar);
                    refresh = true;
                }
                result.add(b);
            } else if (location.startsWith(prefix)) {
                b.uninstall();
                installed.removed(location);
                refresh = true;
            }
        }
        for (String location : jars.keySet().stream().sorted().toList()) {
            result.add(context.installBundle(location));
            installed.installed(location, jars.get(location));
        }
        installed.save();
        if (refresh) {
            context.getBundle().adapt(FrameworkWiring.class).refreshBundles(null);
        }
        return result;
    }

    private static void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            System.err.println("openioto: cannot start " + b.getSymbolicName() + ": " + e.getMessage());
        }
    }

    private void stop(Framework framework, int code) {
        exitCode.set(code);
        new Thread(() -> stopAndWait(framework), "openioto-exit").start();
    }

    private static void stopAndWait(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
            }
            framework.waitForStop(STOP_MILLIS);
        } catch (BundleException e) {
            System.err.println("openioto: stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
