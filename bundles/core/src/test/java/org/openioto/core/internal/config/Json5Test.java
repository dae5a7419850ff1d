package org.openioto.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Json5Test {

    private static Json5.Document read(String text) throws Exception {
        return Json5.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.json5");
    }

    @Test
    void readsTheJson5FormsIotoFilesUse() throws Exception {
        Json5.Document doc = read("""
                // line comment
                /* block comment */
                {
                    version: '1.2.3',          // single quotes, unquoted key
                    "quoted": "double",
                    $id: 'x', _u: 1,
                    list: [1, 2.5, true, null,],  // trailing comma in an array
                    nested: { plus: +1.5, lead: .5, trail: 5., },
                }
                """);
        assertThat(doc.root()).containsEntry("version", "1.2.3").containsEntry("quoted", "double")
                .containsEntry("$id", "x").containsEntry("_u", 1L);
        assertThat(doc.root().get("list")).isEqualTo(java.util.Arrays.asList(1L, 2.5, true, null));
        assertThat(doc.root().get("nested")).isEqualTo(Map.of("plus", 1.5, "lead", 0.5, "trail", 5.0));
    }

    @Test
    void keepsKeyOrder() throws Exception {
        assertThat(read("{b: 1, a: 2, c: 3}").root().keySet()).containsExactly("b", "a", "c");
    }

    @Test
    void recordsWhereEachKeyWasWritten() throws Exception {
        Json5.Document doc = read("{\n  mqtt: {\n    port: 443,\n  },\n}\n");
        assertThat(doc.origins()).containsEntry("mqtt", "test.json5:2:3").containsEntry("mqtt.port", "test.json5:3:5");
    }

    @Test
    void namesFileLineAndColumnOfASyntaxError() {
        assertThatThrownBy(() -> read("{\n  a: 1,\n  b: [1, 2\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.json5:4:1: ");
    }

    @Test
    void refusesHexNumbersWithAPosition() {
        // Jackson has no JSON5 hex literals; a clear refusal beats a silent misreading.
        assertThatThrownBy(() -> read("{\n  mask: 0xFF,\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.json5:2:");
    }

    @Test
    void refusesANonObjectDocument() {
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected an object");
        assertThatThrownBy(() -> read("  ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesContentAfterTheObject() {
        assertThatThrownBy(() -> read("{a: 1} {b: 2}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("after the closing");
    }

    @Test
    void refusesAnIntegerTooLargeForALong() {
        assertThatThrownBy(() -> read("{n: 99999999999999999999999}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.json5:1:");
    }

    @Test
    void readsEmptyArraysAndObjects() throws Exception {
        assertThat(read("{a: [], b: {}}").root()).containsEntry("a", List.of()).containsEntry("b", Map.of());
    }
}
