package org.openioto.distribution.framework;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.StreamSupport;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots Felix with the bundles of the distribution's {@code bundle/} directory, in the
 * configuration and state directories this class writes for each test class, and offers what
 * the tests share: the Gogo shell, the ConfigAdmin configurations, the demo capability bundle
 * and bounded waits.
 *
 * <p>{@link #config()} runs outside the framework, once per test class; the tests run inside it
 * and find their directories through the framework properties.
 */
public abstract class InFramework {

    static final String CORE_PID = "org.openioto.core";
    static final String MQTT_PID = "org.openioto.mqtt";
    static final String DEMO_BSN = "org.openioto.demo";
    static final String CONTROLLER = "org.openioto.core.internal.services.ServicesController";

    /** How long the runtime may take to settle after the framework started. */
    static final Duration STARTUP = Duration.ofSeconds(15);

    /** How long an edit of ioto.json5 may take to be in force (it is polled every 500 ms). */
    static final Duration EDIT_APPLIED = Duration.ofSeconds(2);

    @Inject
    protected BundleContext context;

    @Inject
    protected CommandProcessor processor;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected ServiceComponentRuntime scr;

    /** The framework for this test class: its own directories, the distribution's bundles, JUnit. */
    @Configuration
    public Option[] config() throws IOException {
        Path work = Files.createDirectories(Path.of(required("openioto.test.work")));
        Path root = Files.createTempDirectory(work, getClass().getSimpleName() + "-");
        Path config = Files.createDirectories(root.resolve("config"));
        Path state = Files.createDirectories(root.resolve("state"));
        Path capabilities = Files.createDirectories(root.resolve("capability"));
        Files.writeString(config.resolve("ioto.json5"), IotoFile.BASELINE.text());
        Path bundles = Path.of(required("openioto.test.bundles"));
        return options(
                workingDirectory(root.resolve("exam").toString()),
                cleanCaches(),
                // as the launcher sets them (distribution/src/main/java/org/openioto/launcher/Runtime.java)
                frameworkProperty("felix.log.level").value("1"),
                frameworkProperty("org.apache.felix.log.maxSize").value("500"),
                frameworkProperty("org.osgi.service.log.admin.loglevel").value("INFO"),
                frameworkProperty("openioto.config").value(config.toString()),
                frameworkProperty("openioto.state").value(state.toString()),
                frameworkProperty("openioto.capabilities").value(capabilities.toString()),
                frameworkProperty("openioto.console").value(state.resolve("runtime/console.json5").toString()),
                frameworkProperty("openioto.log.console").value("true"),
                frameworkProperty("openioto.test.root").value(root.toString()),
                frameworkProperty("openioto.test.bundles").value(bundles.toString()),
                distributionBundles(bundles),
                mavenBundle("org.awaitility", "awaitility").versionAsInProject(),
                mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
                junitBundles(),
                more(config));
    }

    /**
     * What a test class adds to the framework; {@code config} holds the baseline ioto.json5,
     * which it may replace. Runs outside the framework, after the baseline was written.
     */
    protected Option more(Path config) throws IOException {
        return composite();
    }

    /**
     * The capability bundle {@code bsn} of the distribution's {@code capability/} directory,
     * installed but not started: the services map starts it if ioto.json5 wants it.
     */
    static Option capability(String bsn) throws IOException {
        Path dir = Path.of(required("openioto.test.capabilities"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, bsn + "-*.jar")) {
            Path jar = StreamSupport.stream(jars.spliterator(), false).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + bsn + " in " + dir + "; run the build through Maven"));
            return bundle(jar.toUri().toString()).noStart();
        }
    }

    /** Every jar of the copy of {@code bundle/}, as file: URLs (the reactor's SNAPSHOTs are not installed). */
    private static Option distributionBundles(Path dir) throws IOException {
        List<Option> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            StreamSupport.stream(jars.spliterator(), false).sorted()
                    .forEach(jar -> bundles.add(bundle(jar.toUri().toString())));
        }
        if (bundles.isEmpty()) {
            throw new IllegalStateException("no bundles in " + dir + "; run the build through Maven");
        }
        return composite(bundles.toArray(new Option[0]));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }

    /**
     * Runs one Gogo command line as the console would; a failing command throws its exception.
     * Waits first for the ioto:* commands, which are there once the whole of core is up.
     */
    protected String shell(String commandLine) throws Exception {
        await("ioto:* commands registered").atMost(STARTUP).pollInterval(Duration.ofMillis(50))
                .until(() -> context.getServiceReferences((String) null, "(osgi.command.scope=ioto)") != null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(commandLine);
            out.flush();
            return printed.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        }
    }

    /** The cells of the row of {@code service} in {@code ioto:services}: service, wanted, why, bundle, state. */
    protected List<String> servicesRow(String service) throws Exception {
        String table = shell("ioto:services");
        return Arrays.stream(table.split("\n")).map(line -> Arrays.asList(line.trim().split("\\s{2,}")))
                .filter(cells -> cells.get(0).equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + service + " in ioto:services:\n" + table));
    }

    /** The properties of a configuration, or null if it does not exist (never creates one). */
    protected Dictionary<String, Object> properties(String pid) throws Exception {
        return find(pid).map(org.osgi.service.cm.Configuration::getProperties).orElse(null);
    }

    protected Optional<org.osgi.service.cm.Configuration> find(String pid) throws Exception {
        org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations(
                "(" + Constants.SERVICE_PID + "=" + pid + ")");
        return found == null ? Optional.empty() : Optional.of(found[0]);
    }

    protected long changeCount(String pid) throws Exception {
        return find(pid).orElseThrow(() -> new AssertionError("no configuration " + pid)).getChangeCount();
    }

    protected Path configDir() {
        return Path.of(context.getProperty("openioto.config"));
    }

    /** Replaces ioto.json5 in one step, as an editor that saves through a temporary file does. */
    protected void writeIoto(IotoFile file) throws IOException {
        Path target = configDir().resolve("ioto.json5");
        Path tmp = Files.writeString(configDir().resolve(".ioto.json5.tmp"), file.text());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    protected String readIoto() throws IOException {
        return Files.readString(configDir().resolve("ioto.json5"));
    }

    /** The installed demo capability bundle, if there is one. */
    protected Optional<Bundle> demoBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> DEMO_BSN.equals(b.getSymbolicName())).findFirst();
    }

    /**
     * Installs the demo capability bundle, without starting it, unless it is installed already:
     * a jar with nothing but a manifest, which is all the services map needs.
     */
    protected Bundle installDemo() throws IOException, BundleException {
        Optional<Bundle> installed = demoBundle();
        if (installed.isPresent()) {
            return installed.get();
        }
        Path jar = Path.of(context.getProperty("openioto.test.root")).resolve("org.openioto.demo-0.0.1.jar");
        if (!Files.exists(jar)) {
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
            main.putValue(Constants.BUNDLE_SYMBOLICNAME, DEMO_BSN);
            main.putValue(Constants.BUNDLE_VERSION, "0.0.1");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                out.finish();
            }
        }
        return context.installBundle(jar.toUri().toString());
    }

    protected static void awaitState(Bundle bundle, int state, Duration within) {
        await(bundle.getSymbolicName() + " " + stateName(state)).atMost(within).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertEquals(bundle.getSymbolicName(), stateName(state), stateName(bundle.getState())));
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return String.valueOf(state);
        }
    }

    /** The state of the one configuration of a DS component ("ACTIVE", "UNSATISFIED_REFERENCE"...). */
    protected String componentState(String name) {
        List<String> states = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals(name)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    states.add(ComponentStates.name(c.state));
                }
            }
        }
        if (states.isEmpty()) {
            fail("no component " + name);
        }
        return states.size() == 1 ? states.get(0) : states.toString();
    }
}
