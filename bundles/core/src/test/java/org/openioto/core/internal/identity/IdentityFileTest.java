package org.openioto.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {

    @TempDir
    Path state;

    @Test
    void keepsAnIdAcrossInstances() throws Exception {
        new IdentityFile(state).write("ABCDE12345", "generated");
        assertThat(new IdentityFile(state).read()).contains("ABCDE12345");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("identity.json5"))))
                .isEqualTo("rw-------");
    }

    @Test
    void isEmptyWhenNothingWasKept() throws Exception {
        assertThat(new IdentityFile(state).read()).isEmpty();
    }

    @Test
    void aDamagedFileIsAnErrorNotANewIdentity() throws Exception {
        Files.writeString(state.resolve("identity.json5"), "{id: 'ABC");
        assertThatThrownBy(() -> new IdentityFile(state).read()).isInstanceOf(IOException.class)
                .hasMessageContaining("identity.json5:");
        Files.writeString(state.resolve("identity.json5"), "{id: 'has space'}");
        assertThatThrownBy(() -> new IdentityFile(state).read()).isInstanceOf(IOException.class)
                .hasMessageContaining("'has space'");
    }

    @Test
    void replacingLeavesNoTemporaryFiles() throws Exception {
        IdentityFile file = new IdentityFile(state);
        file.write("AAAAAAAAAA", "generated");
        file.write("BBBBBBBBBB", "factory");
        assertThat(file.read()).contains("BBBBBBBBBB");
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("identity.json5");
        }
    }
}
