package org.openioto.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The log numbers its entries before it orders them, so two threads logging at once can deliver
 * a later number first; the console must print both, and print a replayed entry only once.
 */
class ConsoleLogTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<LogListener> listeners = new ArrayList<>();
    private final List<LogEntry> history = new ArrayList<>();
    private PrintStream realOut;

    @BeforeEach
    void captureOut() {
        realOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOut() {
        System.setOut(realOut);
    }

    @Test
    void entriesDeliveredOutOfOrderAreAllPrinted() {
        new ConsoleLog(context(), reader());
        deliver(entry(8, "setup", "Started demo"));
        deliver(entry(7, "setup", "Updated demo to 0.0.2"));

        assertThat(lines()).containsExactly("setup: info: Started demo", "setup: info: Updated demo to 0.0.2");
    }

    @Test
    void historyIsReplayedInOrderAndNotPrintedAgainWhenTheListenerDeliversIt() {
        history.add(entry(2, "app", "second"));
        history.add(entry(1, "app", "first"));
        new ConsoleLog(context(), reader());
        deliver(entry(2, "app", "second"));
        deliver(entry(3, "app", "third"));

        assertThat(lines()).containsExactly("app: info: first", "app: info: second", "app: info: third");
    }

    private void deliver(LogEntry entry) {
        assertThat(listeners).hasSize(1);
        listeners.get(0).logged(entry);
    }

    private List<String> lines() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    private BundleContext context() {
        return proxy(BundleContext.class, Map.of("getProperty", "true"));
    }

    private LogReaderService reader() {
        return (LogReaderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LogReaderService.class}, (p, method, args) -> switch (method.getName()) {
                    case "addLogListener" -> {
                        listeners.add((LogListener) args[0]);
                        yield null;
                    }
                    case "getLog" -> Collections.enumeration(history);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static LogEntry entry(long sequence, String logger, String message) {
        Bundle core = proxy(Bundle.class, Map.of("getSymbolicName", "org.openioto.core"));
        return proxy(LogEntry.class, Map.of("getSequence", sequence, "getBundle", core, "getLoggerName", logger,
                "getLogLevel", LogLevel.INFO, "getMessage", message));
    }

    /** An instance of {@code type} whose methods answer from {@code answers}, and null otherwise. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(ConsoleLogTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answers.get(method.getName())));
    }
}
