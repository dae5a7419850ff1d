package org.openioto.distribution.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration file a test edits as a person would, line by line, and the line:column of
 * what it wrote, so that a test can expect an error at exactly that place.
 */
final class ConfigFile {

    private final Path file;

    ConfigFile(Path file) {
        this.file = file;
    }

    /**
     * Replaces the first line that equals {@code line} once trimmed with {@code replacement}
     * (indented as the old line was) and answers the 1-based line number.
     */
    int replaceLine(String line, String replacement) {
        List<String> lines = read();
        for (int i = 0; i < lines.size(); i++) {
            String old = lines.get(i);
            if (old.trim().equals(line)) {
                lines.set(i, old.substring(0, old.indexOf(line)) + replacement);
                write(lines);
                return i + 1;
            }
        }
        throw new AssertionError("no line '" + line + "' in " + file + ":\n" + String.join("\n", lines));
    }

    /** The 1-based column of the first {@code text} on 1-based {@code line}. */
    int column(int line, String text) {
        String l = read().get(line - 1);
        int column = l.indexOf(text);
        if (column < 0) {
            throw new AssertionError("no '" + text + "' on line " + line + " of " + file + ": " + l);
        }
        return column + 1;
    }

    /** {@code name:line:column}, as errors and warnings name a place in the file. */
    String where(int line, int column) {
        return file.getFileName() + ":" + line + ":" + column;
    }

    /** The place of the first {@code text} on {@code line}. */
    String where(int line, String text) {
        return where(line, column(line, text));
    }

    private List<String> read() {
        try {
            return new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
