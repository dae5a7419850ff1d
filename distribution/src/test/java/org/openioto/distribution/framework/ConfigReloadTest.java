package org.openioto.distribution.framework;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Edits of ioto.json5 while the runtime runs: a good edit is in force within 2 seconds, a
 * broken one is refused with its file:line:column while the last good configuration stays in
 * force, and the next good edit is applied again. Each test starts from the baseline file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigReloadTest extends InFramework {

    private static final Duration POLL = Duration.ofMillis(50);

    @Before
    public void baselineIsInForce() throws Exception {
        if (!readIoto().equals(IotoFile.BASELINE.text())) {
            writeIoto(IotoFile.BASELINE);
        }
        await("baseline ioto.json5 in force").atMost(STARTUP).pollInterval(POLL).untilAsserted(() -> {
            assertEquals(8883L, port());
            assertEquals(Boolean.TRUE, properties(CORE_PID).get("services.demo"));
            assertFalse(shell("ioto:status").contains("Config error"));
        });
        awaitState(installDemo(), Bundle.ACTIVE, STARTUP);
    }

    @Test
    public void editedPortIsAppliedWithinTwoSeconds() throws Exception {
        writeIoto(IotoFile.BASELINE.withPort("1884"));
        await("mqtt port 1884").atMost(EDIT_APPLIED).pollInterval(POLL).untilAsserted(() -> assertEquals(1884L, port()));
        assertEquals("1884", shell("ioto:config mqtt.port").trim());
    }

    @Test
    public void turningDemoOffInTheFileStopsItsBundleAndOnStartsIt() throws Exception {
        Bundle demo = demoBundle().orElseThrow();
        writeIoto(IotoFile.BASELINE.withDemo(false));
        awaitState(demo, Bundle.RESOLVED, EDIT_APPLIED);
        assertEquals(Boolean.FALSE, properties(CORE_PID).get("services.demo"));
        assertEquals(List.of("demo", "no", "ioto.json5", "org.openioto.demo 0.0.1", "stopped"), servicesRow("demo"));

        writeIoto(IotoFile.BASELINE);
        awaitState(demo, Bundle.ACTIVE, EDIT_APPLIED);
    }

    @Test
    public void wrongTypeIsRefusedWithItsPositionAndTheNextGoodEditIsApplied() throws Exception {
        IotoFile broken = IotoFile.BASELINE.withPort("'abc'");
        refusedThenRecovered(broken, "ioto.json5:" + broken.position("port:")
                + ": mqtt.port: expected a port number 0-65535, found 'abc'");
    }

    @Test
    public void syntaxErrorIsRefusedWithItsPositionAndTheNextGoodEditIsApplied() throws Exception {
        IotoFile broken = IotoFile.BASELINE.withPort("88 83");
        refusedThenRecovered(broken, "ioto.json5:" + broken.position("83,") + ": Unexpected character ('8'");
    }

    private void refusedThenRecovered(IotoFile broken, String error) throws Exception {
        long coreChanges = changeCount(CORE_PID);
        long mqttChanges = changeCount(MQTT_PID);
        Bundle demo = demoBundle().orElseThrow();

        writeIoto(broken);
        String status = await("ioto:status reports the error").atMost(EDIT_APPLIED).pollInterval(POLL)
                .until(() -> shell("ioto:status"), s -> s.contains("Config error"));
        assertTrue("ioto:status shows\n  Config error: " + error + "\nbut shows:\n" + status,
                status.contains("Config error: " + error));
        assertEquals("the last good configuration stays in force", mqttChanges, changeCount(MQTT_PID));
        assertEquals(coreChanges, changeCount(CORE_PID));
        assertEquals(8883L, port());
        assertEquals("ACTIVE", componentState(CONTROLLER));
        assertEquals("ACTIVE", componentState("org.openioto.core.internal.config.ConfigFiles"));
        assertEquals(Bundle.ACTIVE, demo.getState());
        assertEquals("active", servicesRow("demo").get(4));

        writeIoto(IotoFile.BASELINE.withPort("1885"));
        await("the next good edit in force").atMost(EDIT_APPLIED).pollInterval(POLL).untilAsserted(() -> {
            assertEquals(1885L, port());
            assertFalse(shell("ioto:status").contains("Config error"));
        });
    }

    private Object port() throws Exception {
        return properties(MQTT_PID).get("port");
    }
}
