package org.openioto.distribution.framework;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openioto.identity.DeviceIdentity;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The runtime starts: every bundle active, every OpenIoto component satisfied, ioto.json5 published, an identity. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBootTest extends InFramework {

    /** The bundles the distribution ships, by symbolic name. */
    private static final List<String> DISTRIBUTION = List.of(
            "org.apache.felix.scr", "org.osgi.service.component", "org.osgi.util.promise", "org.osgi.util.function",
            "org.apache.felix.configadmin", "org.apache.felix.eventadmin", "org.apache.felix.metatype",
            "org.apache.felix.log", "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
            "com.fasterxml.jackson.core.jackson-core", "org.openioto.api", "org.openioto.core");

    /** The components of core; none may be left unsatisfied. */
    private static final List<String> CORE_COMPONENTS = List.of(
            "org.openioto.core.internal.config.ConfigFiles",
            "org.openioto.core.internal.identity.ClaimIdentity",
            "org.openioto.core.internal.services.ServicesController",
            "org.openioto.core.internal.shell.IotoCommands",
            "org.openioto.core.internal.shell.ConsoleLog",
            "org.openioto.core.internal.shell.ConsoleServer");

    private static final String CLAIM_ID = "[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{10}";

    @Test
    public void everyBundleIsActive() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                wrong.add(b.getSymbolicName() + " " + b.getVersion() + " is " + stateName(b.getState()));
            }
        }
        assertEquals("bundles not active", Collections.emptyList(), wrong);

        Set<String> installed = new TreeSet<>();
        Arrays.stream(context.getBundles()).forEach(b -> installed.add(b.getSymbolicName()));
        Set<String> shipped = shippedBundles(Path.of(context.getProperty("openioto.test.bundles")));
        assertTrue("the distribution's bundles " + DISTRIBUTION + " are all in bundle/: " + shipped,
                shipped.containsAll(DISTRIBUTION));
        assertTrue("every bundle of bundle/ " + shipped + " is installed: " + installed, installed.containsAll(shipped));
    }

    @Test
    public void everyOpenIotoComponentIsSatisfied() {
        Bundle[] ours = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("org.openioto.")).toArray(Bundle[]::new);
        await("OpenIoto components satisfied").atMost(STARTUP).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<String> names = new ArrayList<>();
            List<String> unsatisfied = new ArrayList<>();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(ours)) {
                names.add(d.name);
                if (!scr.isComponentEnabled(d)) {
                    unsatisfied.add(d.name + ": disabled");
                }
                var configurations = scr.getComponentConfigurationDTOs(d);
                if (configurations.isEmpty()) {
                    unsatisfied.add(d.name + ": no configuration (PID " + String.join(",", d.configurationPid) + ")");
                }
                for (ComponentConfigurationDTO c : configurations) {
                    if (c.state != ComponentConfigurationDTO.SATISFIED && c.state != ComponentConfigurationDTO.ACTIVE) {
                        unsatisfied.add(describe(c));
                    }
                }
            }
            assertTrue("core's components " + CORE_COMPONENTS + " are all declared: " + names,
                    names.containsAll(CORE_COMPONENTS));
            assertEquals("unsatisfied components", Collections.emptyList(), unsatisfied);
        });
    }

    @Test
    public void iotoJson5IsPublishedAsOneConfigurationPerPid() throws Exception {
        await("configuration " + MQTT_PID).atMost(STARTUP).until(() -> properties(MQTT_PID) != null);
        Dictionary<String, Object> core = properties(CORE_PID);
        assertNotNull(CORE_PID, core);
        assertEquals(Boolean.TRUE, core.get("services.mqtt"));
        assertEquals(Boolean.TRUE, core.get("services.sync"));
        assertEquals(Boolean.TRUE, core.get("services.database"));
        assertEquals(Boolean.TRUE, core.get("services.demo"));
        assertEquals(Boolean.FALSE, core.get("services.provision"));
        assertEquals("auto", core.get("services.serialize"));
        assertEquals("gateway", core.get("app"));
        assertEquals("cloud", core.get("mode"));
        assertEquals("127.0.0.1", core.get("mqtt.endpoint"));
        assertEquals(configDir().toString(), core.get("directories.config"));
        assertEquals(context.getProperty("openioto.state"), core.get("directories.state"));

        Dictionary<String, Object> mqtt = properties(MQTT_PID);
        assertEquals("the mqtt section without its prefix", 8883L, mqtt.get("port"));
        assertEquals("127.0.0.1", mqtt.get("endpoint"));
        assertEquals("never", mqtt.get("timeout"));
        assertEquals("1.2.3", mqtt.get("version"));
        assertEquals("dev", mqtt.get("profile"));
        assertNull("no prefix on its own section", mqtt.get("mqtt.port"));
        assertEquals(3L, properties("org.openioto.demo").get("count"));
    }

    @Test
    public void deviceIdentityHasAGeneratedClaimId() throws Exception {
        await("DeviceIdentity service").atMost(STARTUP)
                .until(() -> context.getServiceReference(DeviceIdentity.class) != null);
        ServiceReference<DeviceIdentity> ref = context.getServiceReference(DeviceIdentity.class);
        DeviceIdentity identity = context.getService(ref);
        try {
            String id = identity.claimId();
            assertTrue("claim ID '" + id + "' is 10 characters of Crockford base 32", id.matches(CLAIM_ID));
            assertEquals(id, ref.getProperty("claimId"));
            assertTrue("no product configured", identity.product().isEmpty());
            Path kept = Path.of(context.getProperty("openioto.state"), "identity.json5");
            assertTrue("kept in " + kept, Files.readString(kept).contains("'" + id + "'"));
            String status = shell("ioto:status");
            assertTrue("ioto:status shows the claim ID:\n" + status, status.matches("(?s).*Claim ID:\\s+" + id + "\\R.*"));
        } finally {
            context.ungetService(ref);
        }
    }

    private static String describe(ComponentConfigurationDTO c) {
        StringBuilder s = new StringBuilder(c.description.name).append(": ").append(ComponentStates.name(c.state));
        for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
            String service = Arrays.stream(c.description.references).filter(d -> d.name.equals(r.name))
                    .map(d -> d.interfaceName).findFirst().orElse(r.name);
            s.append(", missing ").append(service).append(r.target == null ? "" : " " + r.target);
        }
        if (c.failure != null) {
            s.append(", ").append(c.failure);
        }
        return s.toString();
    }

    private static Set<String> shippedBundles(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
                    String bsn = j.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                    names.add(bsn.split(";")[0].trim());
                }
            }
        }
        return names;
    }
}
