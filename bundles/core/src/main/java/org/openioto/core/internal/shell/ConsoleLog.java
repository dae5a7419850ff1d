package org.openioto.core.internal.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Prints the OSGi log on standard output in Ioto's {@code source: level: message} form, as
 * the OpenIoto launcher asks with the framework property {@code openioto.log.console=true}
 * (in Karaf the platform's logging is used instead and this does nothing). Entries of OpenIoto
 * are shown from info up, other bundles' from warn up. Entries logged before this component
 * started are replayed from the log's history, in order and once.
 *
 * <p>The log reader is optional: Karaf's pax-logging registers one without declaring it in its
 * manifest, and Karaf refuses to install a bundle with a mandatory service requirement that no
 * manifest declares. It is greedy, so a reader that registers after this component started is
 * still picked up.
 */
@Component(immediate = true, service = {})
public final class ConsoleLog implements LogListener {

    private final LogReaderService reader;
    private final PrintStream out = System.out;
    private final boolean enabled;
    /** The entries printed from the history, which the listener may deliver once more. */
    private final Set<Long> replayed = new HashSet<>();

    @Activate
    public ConsoleLog(BundleContext context, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) LogReaderService reader) {
        this.reader = reader;
        this.enabled = reader != null && Boolean.parseBoolean(context.getProperty("openioto.log.console"));
        if (!enabled) {
            return;
        }
        synchronized (this) {
            reader.addLogListener(this);
            List<LogEntry> history = new ArrayList<>(Collections.list(reader.getLog()));
            history.sort(Comparator.comparingLong(LogEntry::getSequence));
            history.forEach(e -> {
                replayed.add(e.getSequence());
                print(e);
            });
        }
    }

    @Deactivate
    void deactivate() {
        if (enabled) {
            reader.removeLogListener(this);
        }
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        // Sequence numbers are taken before the log orders its entries, so entries logged at the
        // same moment by two threads may come in either order: only the replayed ones are skipped.
        if (!replayed.remove(entry.getSequence())) {
            print(entry);
        }
    }

    private void print(LogEntry entry) {
        // The log service also records the framework's bundle and service events, as INFO entries
        // of the bundle concerned under logger names "Events.*": framework chatter, not ours.
        boolean ours = entry.getBundle() != null
                && String.valueOf(entry.getBundle().getSymbolicName()).startsWith("org.openioto.")
                && !String.valueOf(entry.getLoggerName()).startsWith("Events.");
        LogLevel threshold = ours ? LogLevel.INFO : LogLevel.WARN;
        if (!threshold.implies(entry.getLogLevel())) {
            return;
        }
        String source = ours ? entry.getLoggerName() : String.valueOf(entry.getBundle() == null ? "framework"
                : entry.getBundle().getSymbolicName());
        StringBuilder line = new StringBuilder(source).append(": ")
                .append(entry.getLogLevel().name().toLowerCase(Locale.ROOT)).append(": ").append(entry.getMessage());
        Throwable t = entry.getException();
        if (t != null) {
            line.append(" (").append(t).append(')');
        }
        out.println(line);
    }
}
