package org.openioto.simulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run: provision and connect the devices a few at a time, let each publish its Store changes
 * spread evenly over the period, measure after the warm-up, then collect what was acked. All
 * devices share one Netty event loop group of two threads.
 */
final class Simulation {

    /** Event loop threads for all devices together. */
    static final int IO_THREADS = 2;
    /** A change without its ack after this long is lost. */
    static final long LOSS_MILLIS = 5_000;
    /** How long one device may take to connect and subscribe once provisioned. */
    private static final long CONNECT_SECONDS = 60;
    private static final int PROVISION_ATTEMPTS = 3;
    private static final long PROGRESS_SECONDS = 10;
    private static final String CLAIM_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SimulatorOptions options;
    private final CloudUnderTest cloud;
    private final PrintStream progress;

    /** @param progress where a line goes every ten seconds and on each phase */
    Simulation(SimulatorOptions options, CloudUnderTest cloud, PrintStream progress) {
        this.options = options;
        this.cloud = cloud;
        this.progress = progress;
    }

    /** Runs the simulation to the end and reports; blocks for the whole run. */
    Report run() throws InterruptedException {
        Tally tally = new Tally();
        EventLoopGroup group = new NioEventLoopGroup(IO_THREADS, r -> {
            Thread t = new Thread(r, "simulator-io");
            t.setDaemon(true);
            return t;
        });
        List<SimulatedDevice> devices = new ArrayList<>();
        try (Provisioning provisioning = new Provisioning(cloud.base(), options.productToken(), cloud.adminPassword())) {
            long setupStart = System.nanoTime();
            AtomicInteger provisioned = new AtomicInteger();
            List<SimulatedDevice> connected = new ArrayList<>();
            setUp(provisioning, group, tally, connected, provisioned);
            synchronized (connected) { // a worker cut off by the setup timeout may still add one
                devices.addAll(connected);
            }
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            progress.printf(Locale.ROOT, "%d of %d devices connected in %.1f s; syncing for %d s (warm-up %d s)%n",
                    devices.size(), options.devices(), setupSeconds, options.totalSeconds(), options.warmupSeconds());
            syncFor(devices, tally);
            stop(devices);
            Latencies.Summary latencies = tally.latencies.summary();
            return new Report(cloud.description(), options.devices(), provisioned.get(), devices.size(),
                    setupSeconds, options.rate(), options.warmupSeconds(), options.durationSeconds(), tally.sent(),
                    tally.acked(), tally.lost(), tally.unsent(), latencies, tally.drops(), tally.reconnects(),
                    tally.failedAttempts(), cloud.rssKb(), options.p99TargetMillis());
        } finally {
            stop(devices);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** Provisions and connects every device, {@code concurrency} at a time, within the setup timeout. */
    private void setUp(Provisioning provisioning, EventLoopGroup group, Tally tally, List<SimulatedDevice> connected,
                       AtomicInteger provisioned) throws InterruptedException {
        X509Certificate authority = cloud.authority();
        String run = claimId(ThreadLocalRandom.current().nextInt(1 << 20), 4);
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "simulator-setup");
            t.setDaemon(true);
            return t;
        });
        List<SimulatedDevice> started = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < options.devices(); i++) {
            String id = run + claimId(i, 6);
            pool.execute(() -> {
                try {
                    Credentials c = provision(provisioning, id);
                    provisioned.incrementAndGet();
                    SslContext tls = DeviceTls.context(c, authority);
                    SimulatedDevice device = new SimulatedDevice(c, tls, group.next(), tally,
                            TimeUnit.MILLISECONDS.toNanos(LOSS_MILLIS));
                    synchronized (started) {
                        started.add(device);
                    }
                    device.connect().get(CONNECT_SECONDS, TimeUnit.SECONDS);
                    synchronized (connected) {
                        connected.add(device);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    if (failures.incrementAndGet() <= 5) {
                        progress.println("device " + id + " failed: " + message(e));
                    }
                }
            });
        }
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.setupTimeoutSeconds());
        while (!pool.awaitTermination(Math.min(PROGRESS_SECONDS * 1000,
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))), TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline >= 0) {
                progress.println("setup timed out after " + options.setupTimeoutSeconds() + " s");
                pool.shutdownNow();
                pool.awaitTermination(CONNECT_SECONDS, TimeUnit.SECONDS);
                break;
            }
            synchronized (connected) {
                progress.println("provisioned " + provisioned.get() + ", connected " + connected.size() + " of "
                        + options.devices());
            }
        }
        synchronized (started) {
            synchronized (connected) {
                for (SimulatedDevice d : started) {
                    if (!connected.contains(d)) {
                        stopQuietly(d); // never made it: it must not reconnect in the background
                    }
                }
            }
        }
    }

    private static Credentials provision(Provisioning provisioning, String id) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return provisioning.provision(id);
            } catch (Exception e) {
                if (attempt >= PROVISION_ATTEMPTS || e instanceof InterruptedException) {
                    throw e;
                }
                Thread.sleep(1000L * attempt);
            }
        }
    }

    /** Starts every device's changes, spread evenly over the period, and waits out the run. */
    private void syncFor(List<SimulatedDevice> devices, Tally tally) throws InterruptedException {
        if (devices.isEmpty()) {
            return;
        }
        long period = Math.round(1e9 / options.rate());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        tally.measure(measureFrom, end);
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).start(start + period * i / devices.size(), period, end);
        }
        long last = System.nanoTime();
        for (long now = last; now - end < 0; now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(end - now, TimeUnit.SECONDS.toNanos(1)));
            if (System.nanoTime() - last >= TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS)) {
                last = System.nanoTime();
                progress.printf(Locale.ROOT, "%s: measured sent %d, acked %d, lost %d, drops %d%n",
                        last - measureFrom < 0 ? "warm-up" : "measuring", tally.sent(), tally.acked(), tally.lost(),
                        tally.drops());
            }
        }
        // the last changes get the same time as every other to be acked
        long drainEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOSS_MILLIS);
        while (System.nanoTime() - drainEnd < 0 && pending(devices) > 0) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static int pending(List<SimulatedDevice> devices) throws InterruptedException {
        int n = 0;
        for (SimulatedDevice d : devices) {
            try {
                n += d.pending();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // the event loop is gone: nothing can be pending on it
            }
        }
        return n;
    }

    private static void stop(List<SimulatedDevice> devices) {
        for (SimulatedDevice d : devices) {
            stopQuietly(d);
        }
    }

    private static void stopQuietly(SimulatedDevice d) {
        try {
            d.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the event loop is gone: so is the device
        }
    }

    /** {@code n} as {@code digits} characters of Ioto's claim ID alphabet (Crockford base 32), most significant first. */
    static String claimId(long n, int digits) {
        char[] c = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            c[i] = CLAIM_ID_ALPHABET.charAt((int) (n & 31));
            n >>>= 5;
        }
        return new String(c);
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
