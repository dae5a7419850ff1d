package org.openioto.core.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceOverridesTest {

    @TempDir
    Path state;

    @Test
    void survivesARestart() throws Exception {
        ServiceOverrides first = new ServiceOverrides(state);
        first.load();
        first.put("demo", false, Map.of("demo", true));
        ServiceOverrides second = new ServiceOverrides(state);
        second.load();
        assertThat(second.inForce(Map.of("demo", true))).containsExactly(Map.entry("demo", false));
    }

    @Test
    void anEditOfTheFileMakesItTheSourceOfTruthAgain() throws Exception {
        ServiceOverrides o = new ServiceOverrides(state);
        o.load();
        o.put("demo", false, Map.of("demo", true));
        o.put("update", true, null);
        assertThat(o.inForce(Map.of("demo", false))).containsExactly(Map.entry("update", true));
        ServiceOverrides reread = new ServiceOverrides(state);
        reread.load();
        assertThat(reread.inForce(Map.of("demo", true))).doesNotContainKey("demo");
    }

    @Test
    void aDamagedFileIsReportedAndIgnored() throws Exception {
        Files.writeString(state.resolve("services.json5"), "{demo: {enabled: fals");
        ServiceOverrides o = new ServiceOverrides(state);
        assertThatThrownBy(o::load).isInstanceOf(IOException.class).hasMessageContaining("services.json5");
        assertThat(o.inForce(Map.of())).isEmpty();
    }
}
