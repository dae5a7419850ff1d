package org.openioto.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreChangeTest {

    @Test
    void batchIsIotosStoreUpsertWithTheValueAsAString() {
        byte[] batch = StoreChange.batch(923594489L, "W3DS2DCGXJ", "acct1", "counter", 7,
                Instant.parse("2026-11-22T02:30:29.842Z"));
        // as the wire capture shows the agent's Store sync (value a string, key the item's sk)
        assertThat(new String(batch, UTF_8)).isEqualTo("{\"seq\":923594489,\"changes\":[{\"cmd\":\"upsert\","
                + "\"key\":\"s#counter\",\"item\":{\"key\":\"counter\",\"value\":\"7\",\"type\":\"number\","
                + "\"deviceId\":\"W3DS2DCGXJ\",\"accountId\":\"acct1\",\"sk\":\"s#counter\",\"_type\":\"Store\","
                + "\"updated\":\"2026-11-22T02:30:29.842Z\"}}]}");
    }

    @Test
    void timestampsAlwaysHaveThreeFractionDigits() {
        // Instant.toString would drop zero millis ("...:29Z") and break the cloud's string compare
        assertThat(StoreChange.iso(Instant.parse("2026-11-22T02:30:29Z"))).isEqualTo("2026-11-22T02:30:29.000Z");
        assertThat(StoreChange.iso(Instant.parse("2026-11-22T02:30:29.123456Z"))).isEqualTo("2026-11-22T02:30:29.123Z");
    }

    @Test
    void topicsAreTheIngestTopicAndTheAck() {
        assertThat(StoreChange.topic("W3DS2DCGXJ")).isEqualTo("$aws/rules/IotoDevice/ioto/service/W3DS2DCGXJ/db/syncToDynamo");
        assertThat(StoreChange.ackTopic("W3DS2DCGXJ")).isEqualTo("ioto/device/W3DS2DCGXJ/sync/SYNC");
    }

    @Test
    void ackSeqIsReadFromTheCloudsAck() {
        assertThat(StoreChange.ackSeq(
                "{\"seq\":923594489,\"keys\":[\"s#counter\"],\"updated\":\"2026-11-22T02:30:29.842Z\"}".getBytes(UTF_8)))
                .isEqualTo(923594489L);
        assertThat(StoreChange.ackSeq("{\"keys\":[],\"seq\":5}".getBytes(UTF_8))).as("anywhere in the object").isEqualTo(5);
    }

    @Test
    void ackWithoutAWholeSeqIsMinusOne() {
        assertThat(StoreChange.ackSeq("{\"keys\":[]}".getBytes(UTF_8))).isEqualTo(-1);
        assertThat(StoreChange.ackSeq("{\"seq\":\"5\"}".getBytes(UTF_8))).isEqualTo(-1);
        assertThat(StoreChange.ackSeq("{\"seq\":5.5}".getBytes(UTF_8))).isEqualTo(-1);
        assertThat(StoreChange.ackSeq("{\"seq\":".getBytes(UTF_8))).as("truncated").isEqualTo(-1);
        assertThat(StoreChange.ackSeq("[5]".getBytes(UTF_8))).isEqualTo(-1);
        assertThat(StoreChange.ackSeq(new byte[0])).isEqualTo(-1);
    }
}
