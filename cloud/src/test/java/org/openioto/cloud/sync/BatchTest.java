package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openioto.cloud.http.Json;

class BatchTest {

    private static Batch parse(String json) throws Exception {
        return Batch.parse(Json.parseObject(json.getBytes(UTF_8), 1 << 20));
    }

    @Test
    void readsACapturedBatch() throws Exception {
        // from a real agent: a Store item (value a string) and the Service item
        Batch b = parse("{\"seq\":923594489,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + "{\"key\":\"counter\",\"value\":\"0\",\"type\":\"number\",\"sk\":\"s#counter\",\"_type\":\"Store\","
                + "\"updated\":\"2026-11-22T02:30:29.842Z\"}},"
                + "{\"cmd\":\"create\",\"key\":\"service#\",\"item\":{\"value\":0,\"sk\":\"service#\",\"_type\":\"Service\"}}]}");
        assertThat(b.seq().longValue()).isEqualTo(923594489L);
        assertThat(b.changes()).extracting(Batch.Change::key).containsExactly("s#counter", "service#");
        assertThat(b.changes().get(0).updated()).isEqualTo("2026-11-22T02:30:29.842Z");
        assertThat(b.changes().get(0).model()).isEqualTo("Store");
        assertThat(b.changes().get(1).updated()).as("none given").isNull();
    }

    @Test
    void aRemovalNeedsOnlyItsKey() throws Exception {
        Batch.Change c = parse("{\"seq\":1,\"changes\":[{\"cmd\":\"remove\",\"key\":\"s#x\"}]}").changes().get(0);
        assertThat(c.removal()).isTrue();
        assertThat(c.item()).isEmpty();
    }

    @Test
    void rejectsWrongShapes() {
        assertThatThrownBy(() -> parse("{\"changes\":[]}")).isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1.5,\"changes\":[]}")).isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":{}}")).isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[1]}")).isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[{\"cmd\":\"drop\",\"key\":\"k\",\"item\":{\"_type\":\"X\"}}]}"))
                .isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"\",\"item\":{\"_type\":\"X\"}}]}"))
                .isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"k\",\"item\":{}}]}"))
                .as("no _type").isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"k\","
                + "\"item\":{\"_type\":\"X\",\"updated\":5}}]}")).isInstanceOf(BadMessage.class);
        assertThatThrownBy(() -> parse("{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"" + "k".repeat(1025)
                + "\",\"item\":{\"_type\":\"X\"}}]}")).isInstanceOf(BadMessage.class);
    }
}
