package org.openioto.core.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openioto.config.Capability;

class ServicePlanTest {

    private static Map<String, Object> services(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void withoutAServicesMapOnlyWebRuns() {
        ServicePlan plan = ServicePlan.compute(null, null, null, Map.of());
        assertThat(plan.enabledNames()).containsExactly("web");
    }

    @Test
    void databaseAndWebDefaultOnAndRegisterFollowsProvision() {
        ServicePlan plan = ServicePlan.compute(services("provision", true), null, null, Map.of());
        assertThat(plan.want(Capability.DATABASE)).isEqualTo(new Want(true, "default"));
        assertThat(plan.want(Capability.REGISTER).wanted()).isTrue();
        assertThat(plan.want(Capability.SERIALIZE).wanted()).isTrue();
        assertThat(plan.want(Capability.UPDATE).wanted()).isFalse();
    }

    @Test
    void syncPullsInDatabaseMqttProvisionAndRegister() {
        ServicePlan plan = ServicePlan.compute(services("sync", true, "database", false), null, null, Map.of());
        assertThat(plan.want(Capability.DATABASE)).isEqualTo(new Want(true, "needed by sync"));
        assertThat(plan.want(Capability.MQTT)).isEqualTo(new Want(true, "needed by sync"));
        assertThat(plan.want(Capability.PROVISION)).isEqualTo(new Want(true, "needed by mqtt"));
        assertThat(plan.want(Capability.REGISTER).wanted()).isTrue();
    }

    @Test
    void anExplicitEndpointLetsMqttRunWithoutProvisioning() {
        ServicePlan plan = ServicePlan.compute(services("mqtt", true), "mqtts://broker:8883", null, Map.of());
        assertThat(plan.want(Capability.MQTT).wanted()).isTrue();
        assertThat(plan.want(Capability.PROVISION).wanted()).isFalse();
        assertThat(ServicePlan.compute(services("mqtt", true), "auto", null, Map.of())
                .want(Capability.PROVISION).wanted()).isTrue();
    }

    @Test
    void logsNeedKeysWhichNeedProvision() {
        ServicePlan plan = ServicePlan.compute(services("logs", true), null, null, Map.of());
        assertThat(plan.want(Capability.KEYS)).isEqualTo(new Want(true, "needed by logs"));
        assertThat(plan.want(Capability.PROVISION).wanted()).isTrue();
    }

    @Test
    void readsTheDemoSwitchOfBothGenerations() {
        assertThat(ServicePlan.compute(services("demo", true), null, null, Map.of()).want(Capability.DEMO).wanted())
                .isTrue();
        assertThat(ServicePlan.compute(services("mqtt", false), null, "true", Map.of()).want(Capability.DEMO))
                .isEqualTo(new Want(true, "demo.enable"));
    }

    @Test
    void readsStringValuesAsIotoDoes() {
        ServicePlan plan = ServicePlan.compute(services("update", "true", "web", "false", "serialize", "none"), null,
                null, Map.of());
        assertThat(plan.want(Capability.UPDATE).wanted()).isTrue();
        assertThat(plan.want(Capability.WEB).wanted()).isFalse();
        assertThat(plan.want(Capability.SERIALIZE).wanted()).isFalse();
    }

    @Test
    void overridesWinOverTheFileButNotOverNeeds() {
        ServicePlan plan = ServicePlan.compute(services("demo", true, "sync", true), null, null,
                Map.of("demo", false, "mqtt", false));
        assertThat(plan.want(Capability.DEMO)).isEqualTo(new Want(false, "ioto:disable"));
        assertThat(plan.want(Capability.MQTT)).isEqualTo(new Want(true, "needed by sync"));
        assertThat(plan.neededBy(Capability.MQTT)).containsExactlyInAnyOrder("sync", "provision");
        assertThat(plan.neededBy(Capability.DEMO)).isEmpty();
    }

    @Test
    void namesDatabaseDbInTheEnablingLine() {
        assertThat(ServicePlan.compute(services("database", true, "web", false), null, null, Map.of()).enabledNames())
                .containsExactly("db");
    }

    @Test
    void parsesShellNames() {
        assertThat(ServicePlan.parseName(" Sync ")).isEqualTo(Capability.SYNC);
        assertThat(ServicePlan.parseName("db")).isEqualTo(Capability.DATABASE);
        assertThatThrownBy(() -> ServicePlan.parseName("teleport")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'teleport'").hasMessageContaining("mqtt");
    }
}
