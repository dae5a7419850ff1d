package org.openioto.core.internal;

import org.osgi.framework.Version;

/** The agent's version as people write it: 0.1.0-SNAPSHOT rather than 0.1.0.SNAPSHOT. */
public final class Versions {

    private Versions() {
    }

    public static String of(Version v) {
        String base = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? base : base + "-" + v.getQualifier();
    }
}
