package org.openioto.distribution.framework;

/**
 * An ioto.json5 the tests write: the baseline every test class starts from, and edits of it.
 * The capability bundles other than demo are absent on purpose: the services map must cope.
 */
record IotoFile(String port, boolean demo) {

    /** mqtt, sync and database on (sync needs the other two), demo on, provisioning off. */
    static final IotoFile BASELINE = new IotoFile("8883", true);

    IotoFile withPort(String value) {
        return new IotoFile(value, demo);
    }

    IotoFile withDemo(boolean on) {
        return new IotoFile(port, on);
    }

    String text() {
        return """
                // ioto.json5 written by the in-framework tests
                {
                    version: '1.2.3',
                    profile: 'dev',
                    app: 'gateway',

                    services: {
                        database: true,
                        demo: %s,
                        mqtt: true,
                        provision: false,
                        serialize: 'auto',
                        sync: true,
                    },

                    mqtt: {
                        endpoint: '127.0.0.1',
                        port: %s,
                        timeout: 'never',
                    },

                    demo: {
                        count: 3,
                    },
                }
                """.formatted(demo, port);
    }

    /** Where {@code marker} first appears in {@link #text()}, as Jackson counts: 1-based line:column. */
    String position(String marker) {
        String text = text();
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException(marker + " is not in the file");
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (at - lineStart + 1);
    }
}
