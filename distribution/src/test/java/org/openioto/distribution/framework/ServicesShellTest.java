package org.openioto.distribution.framework;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The services map driven from the Gogo shell: ioto:disable and ioto:enable stop and start a
 * capability bundle, what another service needs cannot be disabled, and bundles that come and
 * go are followed live. Each test installs the demo bundle itself if it is not there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServicesShellTest extends InFramework {

    /** The controller reacts to a bundle event on its own thread; give it time on a loaded machine. */
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Test
    public void disableStopsAndEnableStartsTheCapabilityBundle() throws Exception {
        Bundle demo = installDemo();
        awaitState(demo, Bundle.ACTIVE, FOLLOWS);
        assertEquals(List.of("demo", "yes", "ioto.json5", "org.openioto.demo 0.0.1", "active"), servicesRow("demo"));

        String disabled = shell("ioto:disable demo");
        assertEquals("demo disabled: org.openioto.demo 0.0.1 stopped", disabled.trim());
        assertEquals("ioto:disable waits for the bundle to stop", Bundle.RESOLVED, demo.getState());
        assertEquals(List.of("demo", "no", "ioto:disable", "org.openioto.demo 0.0.1", "stopped"), servicesRow("demo"));

        String enabled = shell("ioto:enable demo");
        assertEquals("demo enabled: org.openioto.demo 0.0.1 active", enabled.trim());
        assertEquals("ioto:enable waits for the bundle to start", Bundle.ACTIVE, demo.getState());
        assertEquals(List.of("demo", "yes", "ioto:enable", "org.openioto.demo 0.0.1", "active"), servicesRow("demo"));
    }

    @Test
    public void disablingWhatSyncNeedsIsRefused() throws Exception {
        try {
            String answer = shell("ioto:disable mqtt");
            fail("ioto:disable mqtt must be refused while sync is on, but answered: " + answer);
        } catch (IllegalArgumentException e) {
            assertEquals("mqtt is needed by sync; disable it first", e.getMessage());
        }
        assertEquals(List.of("mqtt", "yes", "ioto.json5", "org.openioto.mqtt", "missing"), servicesRow("mqtt"));
    }

    @Test
    public void servicesShowsEveryServiceWithWhyAndState() throws Exception {
        awaitState(installDemo(), Bundle.ACTIVE, FOLLOWS);
        String table = shell("ioto:services");
        String[] lines = table.trim().split("\n");
        assertEquals(table, List.of("SERVICE", "WANTED", "WHY", "BUNDLE", "STATE"), List.of(lines[0].split("\\s+")));
        assertEquals("a header and one row per service:\n" + table, 14, lines.length);
        assertEquals(List.of("database", "yes", "ioto.json5", "org.openioto.store", "missing"), servicesRow("database"));
        assertEquals(List.of("sync", "yes", "ioto.json5", "org.openioto.sync", "missing"), servicesRow("sync"));
        assertEquals(List.of("provision", "no", "ioto.json5", "org.openioto.provision", "missing"),
                servicesRow("provision"));
        assertEquals(List.of("serialize", "yes", "ioto.json5", "org.openioto.core", "built in"),
                servicesRow("serialize"));
        assertEquals(List.of("web", "yes", "default", "org.openioto.web", "missing"), servicesRow("web"));
        assertEquals("active", servicesRow("demo").get(4));
    }

    @Test
    public void uninstalledCapabilityIsMissingAndReinstallingItIsPickedUp() throws Exception {
        Bundle demo = installDemo();
        awaitState(demo, Bundle.ACTIVE, FOLLOWS);

        demo.uninstall();
        await("ioto:services shows demo missing").atMost(FOLLOWS).untilAsserted(() -> {
            List<String> row = servicesRow("demo");
            assertEquals(row.toString(), "yes", row.get(1));
            assertEquals(List.of("org.openioto.demo", "missing"), row.subList(3, 5));
        });

        Bundle again = installDemo();
        assertTrue("a new bundle", again.getBundleId() != demo.getBundleId());
        awaitState(again, Bundle.ACTIVE, FOLLOWS);
        await("ioto:services shows demo active").atMost(FOLLOWS).untilAsserted(() ->
                assertEquals(List.of("org.openioto.demo 0.0.1", "active"), servicesRow("demo").subList(3, 5)));
    }
}
