package org.openioto.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlendTest {

    private static Map<String, Object> tree(String json5) throws Exception {
        return Json5.read(new ByteArrayInputStream(json5.getBytes(StandardCharsets.UTF_8)), "t").root();
    }

    private static Map<String, Object> blend(String target, String source) throws Exception {
        Map<String, Object> t = tree(target);
        Blend.into(t, tree(source));
        return t;
    }

    @Test
    void mergesObjectsAndOverwritesScalarsAndArrays() throws Exception {
        assertThat(blend("{a: {x: 1, y: 2}, s: 'old', l: [1, 2]}", "{a: {y: 3, z: 4}, s: 'new', l: [9]}"))
                .isEqualTo(tree("{a: {x: 1, y: 3, z: 4}, s: 'new', l: [9]}"));
    }

    @Test
    void plusAppendsStringsWithASpaceAndConcatenatesArrays() throws Exception {
        assertThat(blend("{types: 'error', l: [1]}", "{'+types': 'info', '+l': [2, 3]}"))
                .isEqualTo(tree("{types: 'error info', l: [1, 2, 3]}"));
    }

    @Test
    void plusOnAnAbsentKeySetsIt() throws Exception {
        assertThat(blend("{}", "{'+types': 'info'}")).isEqualTo(tree("{types: 'info'}"));
    }

    @Test
    void minusAndEqualsReplaceObjectsWholesale() throws Exception {
        assertThat(blend("{a: {x: 1, y: 2}, b: {x: 1}}", "{'-a': {z: 3}, '=b': {w: 4}}"))
                .isEqualTo(tree("{a: {z: 3}, b: {w: 4}}"));
    }

    @Test
    void questionMarkSetsOnlyWhenAbsent() throws Exception {
        assertThat(blend("{a: 1}", "{'?a': 2, '?b': 3}")).isEqualTo(tree("{a: 1, b: 3}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void copiesSoTheSourceIsNeverShared() throws Exception {
        Map<String, Object> source = tree("{a: {x: [1]}}");
        Map<String, Object> target = tree("{}");
        Blend.into(target, source);
        ((List<Object>) ((Map<String, Object>) target.get("a")).get("x")).add(2);
        assertThat(source).isEqualTo(tree("{a: {x: [1]}}"));
    }
}
