package org.openioto.mqtt.internal.queue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/**
 * An OSGi {@link Logger} that keeps what is logged as {@code "level: message"} lines (the queue
 * logs whole messages, no {@code {}} placeholders). A proxy, since the interface has some thirty
 * overloads.
 */
final class FakeLogger {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final boolean echo;

    FakeLogger() {
        this(false);
    }

    /** With {@code echo}, lines also go to standard error (for the child process of the kill test). */
    FakeLogger(boolean echo) {
        this.echo = echo;
    }

    Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("is")) {
                return true;
            }
            if (name.equals("getName")) {
                return "mqtt";
            }
            if (args != null && args.length > 0 && args[0] instanceof String format) {
                String line = name + ": " + format;
                lines.add(line);
                if (echo) {
                    System.err.println(line);
                }
            }
            return null;
        });
    }

    /** Everything logged so far, in order. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines logged at {@code level} ("warn", "info", ...), without the level. */
    List<String> at(String level) {
        return lines.stream().filter(l -> l.startsWith(level + ": ")).map(l -> l.substring(level.length() + 2)).toList();
    }
}
