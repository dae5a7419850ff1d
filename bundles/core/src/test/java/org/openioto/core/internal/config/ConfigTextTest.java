package org.openioto.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTextTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void writesReadableJson5() {
        assertThat(ConfigText.masked(map("a", 1L, "b", map("c", "x'y", "d-e", List.of(true, 2.5)))))
                .isEqualTo("""
                        {
                            a: 1,
                            b: {
                                c: 'x\\'y',
                                'd-e': [
                                    true,
                                    2.5,
                                ],
                            },
                        }""");
    }

    @Test
    void masksTokensPasswordsAndPem() {
        String text = ConfigText.masked(map("provision", map("token", "s3cr3t-token", "key",
                "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----", "keyFile", "state/ioto.key"),
                "admin", map("password", "hunter2"), "aws", map("secretAccessKey", "AKIA")));
        assertThat(text).doesNotContain("s3cr3t-token", "hunter2", "MIIE", "AKIA")
                .contains("token: '********'").contains("keyFile: 'state/ioto.key'");
    }

    @Test
    void writesCompactJsonThatReadsBack() throws Exception {
        Map<String, Object> tree = map("s", "line\nnext \"q\"", "n", List.of(1L, map("x", "\u0001")));
        String json = ConfigText.json(tree);
        assertThat(json).isEqualTo("{\"s\":\"line\\nnext \\\"q\\\"\",\"n\":[1,{\"x\":\"\\u0001\"}]}");
        assertThat(Json5.read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "x").root()).isEqualTo(tree);
    }
}
