package org.openioto.cloud.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void readsBasicIngestAndPlainServiceTopics() {
        assertThat(Request.parse("$aws/rules/IotoDevice/ioto/service/W3DS2DCGXJ/db/syncToDynamo"))
                .contains(new Request("W3DS2DCGXJ", "db/syncToDynamo", Optional.empty()));
        assertThat(Request.parse("ioto/service/W3DS2DCGXJ/db/syncDown"))
                .contains(new Request("W3DS2DCGXJ", "db/syncDown", Optional.empty()));
    }

    @Test
    void splitsTheSeqOffStoreRequestsAndRepliesOnTheDeviceTopic() {
        Request get = Request.parse("ioto/service/W3DS2DCGXJ/store/get/100").orElseThrow();
        assertThat(get).isEqualTo(new Request("W3DS2DCGXJ", "store/get", Optional.of("100")));
        assertThat(get.replyTopic()).isEqualTo("ioto/device/W3DS2DCGXJ/store/get/100");
        // a seq is an int's digits; anything else stays part of the service, which nothing handles
        assertThat(Request.parse("ioto/service/W3DS2DCGXJ/store/get/abc").orElseThrow().service())
                .isEqualTo("store/get/abc");
        assertThat(Request.parse("ioto/service/W3DS2DCGXJ/store/get/12345678901").orElseThrow().seq()).isEmpty();
    }

    @Test
    void ignoresTopicsThatAreNotServiceRequests() {
        assertThat(Request.parse("ioto/device/W3DS2DCGXJ/sync/SYNC")).isEmpty();
        assertThat(Request.parse("ioto/service/W3DS2DCGXJ")).isEmpty();
        assertThat(Request.parse("ioto/service//db/syncDown")).isEmpty();
        assertThat(Request.parse("$aws/rules/Other/ioto/service/X/db/syncDown")).isEmpty();
    }
}
