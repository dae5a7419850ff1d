package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.subscriptions.Topic;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTopicPolicyTest {

    /** d1 is claimed into account acct-7; the directory of the cloud is not asked about certificates here. */
    private final DeviceTopicPolicy policy = new DeviceTopicPolicy(new DeviceDirectory() {
        @Override
        public boolean accepts(String clientId, X509Certificate certificate) {
            throw new AssertionError("not asked by the topic policy");
        }

        @Override
        public Optional<String> accountOf(String clientId) {
            return clientId.equals("d1") ? Optional.of("acct-7") : Optional.empty();
        }
    });

    @ParameterizedTest
    @ValueSource(strings = {
        "ioto/device/d1/x",
        "ioto/service/d1/store/get/100",
        "ioto/service/d1/test/ping",
        "$aws/rules/IotoDevice/ioto/service/d1/db/syncToDynamo",
    })
    void deviceWritesItsOwnTopics(String topic) {
        assertThat(policy.canWrite(new Topic(topic), null, "d1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ioto/device/d2/x",
        "ioto/device/d1",            // the root itself, not under it
        "ioto/device/d10/x",         // a longer id sharing the prefix
        "ioto/service/d2/x",
        "$aws/rules/IotoDevice/ioto/service/d2/db/syncToDynamo",
        "$aws/rules/Other/ioto/service/d1/x",
        "ioto/account/all/x",
        "other",
        "",
    })
    void deviceWritesNothingElse(String topic) {
        assertThat(policy.canWrite(new Topic(topic), null, "d1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ioto/device/d1/#",
        "ioto/device/d1/sync/+",
        "ioto/device/d1/provision/release",
        "ioto/account/all/#",
        "ioto/account/acct-7/#",
        "ioto/account/all/sync/+",
    })
    void deviceReadsItsOwnAndAccountTopics(String filter) {
        assertThat(policy.canRead(new Topic(filter), null, "d1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#",
        "+/#",
        "ioto/device/#",
        "ioto/device/+/x",
        "ioto/device/d2/#",
        "ioto/device/d10/#",
        "ioto/service/d1/#",
        "$aws/rules/IotoDevice/#",
        "ioto/account/+/#",
        "ioto/account/#",
        "ioto/account/all",
        "ioto/account//x",
        "ioto/account/acct-8/#",     // another account
        "ioto/account/acct-77/#",
    })
    void deviceReadsNothingElse(String filter) {
        assertThat(policy.canRead(new Topic(filter), null, "d1")).isFalse();
    }

    @Test
    void aDeviceInNoAccountReadsOnlyTheBroadcastsToAll() {
        assertThat(policy.canRead(new Topic("ioto/account/all/#"), null, "d2")).isTrue();
        assertThat(policy.canRead(new Topic("ioto/account/acct-7/#"), null, "d2")).isFalse();
    }

    @Test
    void clientIdsThatWouldWidenAPrefixGetNothing() {
        for (String client : new String[] {null, "", "+", "#", "d1/x"}) {
            assertThat(policy.canWrite(new Topic("ioto/device/" + client + "/x"), null, client)).isFalse();
            assertThat(policy.canRead(new Topic("ioto/device/" + client + "/#"), null, client)).isFalse();
        }
    }

    @Test
    void neverThrowsOnANullTopic() {
        assertThat(policy.canWrite(null, null, "d1")).isFalse();
        assertThat(policy.canRead(null, null, "d1")).isFalse();
    }
}
