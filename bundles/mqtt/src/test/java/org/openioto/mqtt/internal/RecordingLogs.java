package org.openioto.mqtt.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Keeps every log line as {@code source: level: message} for assertions, and echoes it to
 * standard error; as a LoggerFactory or as one Logger. A proxy, since the OSGi interfaces have
 * some thirty overloads.
 */
public final class RecordingLogs {

    public final List<String> lines = new CopyOnWriteArrayList<>();

    public LoggerFactory factory() {
        return (LoggerFactory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LoggerFactory.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getLogger")) {
                        return logger(String.valueOf(args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A logger whose lines start with {@code name: }. */
    public Logger logger(String name) {
        return (Logger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String m = method.getName();
                    if (m.startsWith("is") && m.endsWith("Enabled")) {
                        return true;
                    }
                    if (m.equals("getName")) {
                        return name;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        String line = name + ": " + m + ": " + format(format, args);
                        lines.add(line);
                        System.err.println(line);
                    }
                    return null;
                });
    }

    private static String format(String format, Object[] call) {
        // Logger's (String, Object...) arrives as {format, Object[]}: spread it
        Object[] args = call.length == 2 && call[1] instanceof Object[] many ? prepend(format, many) : call;
        StringBuilder out = new StringBuilder();
        int arg = 1;
        int i = 0;
        while (i < format.length()) {
            int at = format.indexOf("{}", i);
            if (at < 0 || arg >= args.length) {
                out.append(format, i, format.length());
                break;
            }
            out.append(format, i, at).append(args[arg]);
            arg++;
            i = at + 2;
        }
        return out.toString();
    }

    private static Object[] prepend(String format, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = format;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The messages logged at {@code level} ("warn", "info", ...), without source and level. */
    public List<String> at(String level) {
        String marker = ": " + level + ": ";
        return lines.stream().filter(l -> l.contains(marker)).map(l -> l.substring(l.indexOf(marker) + marker.length()))
                .toList();
    }

    boolean has(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }
}
