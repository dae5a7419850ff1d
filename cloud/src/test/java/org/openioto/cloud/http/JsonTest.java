package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static Object parse(String s) throws Json.MalformedException {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void parsesTheRegisterBodyOfARealAgent() throws Exception {
        // Captured from Ioto 3.0.0 (ioto-wire-capture.md, request #1).
        Map<String, Object> body = Json.parseObject(("{\"product\":\"01LOCALTESTPRODUCT0000000A\",\"name\":\"Demo\","
                + "\"description\":\"Demo App\",\"model\":\"Demo-01\",\"id\":\"W3DS2DCGXJ\","
                + "\"created\":\"1970-01-01T00:00:00.000Z\"}").getBytes(StandardCharsets.UTF_8), 1000);
        assertThat(body).containsEntry("id", "W3DS2DCGXJ").containsEntry("model", "Demo-01").hasSize(6);
    }

    @Test
    void parsesEveryKindOfValue() throws Exception {
        assertThat(parse("{\"a\":[1,2.5,true,false,null,\"s\"],\"b\":{}}")).isEqualTo(
                new LinkedHashMap<>(Map.of("a", java.util.Arrays.asList(1, 2.5, true, false, null, "s"), "b", Map.of())));
        assertThat(parse(" \"x\" ")).isEqualTo("x");
        assertThat(parse("12345678901")).isEqualTo(12345678901L);
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "{", "{\"a\":}", "{} {}", "[1,]", "{'a':1}", "nul")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(Json.MalformedException.class);
        }
        assertThatThrownBy(() -> Json.parseObject("[]".getBytes(StandardCharsets.UTF_8), 10))
                .hasMessage("A JSON object was expected");
    }

    @Test
    void rejectsTooLargeAndTooDeep() {
        assertThatThrownBy(() -> Json.parse(new byte[11], 10)).hasMessageContaining("larger than 10 bytes");
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(Json.MalformedException.class);
    }

    @Test
    void writesInInsertionOrderWithEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registered", true);
        m.put("s", "a\"b\n");
        m.put("n", 8883);
        m.put("list", List.of(1.5, "x"));
        m.put("none", null);
        assertThat(new String(Json.write(m), StandardCharsets.UTF_8))
                .isEqualTo("{\"registered\":true,\"s\":\"a\\\"b\\n\",\"n\":8883,\"list\":[1.5,\"x\"],\"none\":null}");
    }
}
