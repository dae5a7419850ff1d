package org.openioto.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2MigrationsTest extends MigrationsContract {

    @TempDir
    Path dir;

    @Override
    String jdbcUrl() {
        return "jdbc:h2:file:" + dir.resolve("cloud");
    }

    @Test
    void splitsScriptsAtSemicolonsEndingALine() {
        assertThat(Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y INT\n);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n  y INT\n)");
    }
}
