package org.openioto.core.internal.config;

import java.util.List;

/** A configuration that cannot be used; the message lists every problem with its location. */
public final class ConfigException extends Exception {

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(String.join("\n", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
