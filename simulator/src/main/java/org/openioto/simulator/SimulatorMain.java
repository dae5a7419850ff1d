package org.openioto.simulator;

import java.util.Arrays;

/**
 * Command-line entry: {@code java -jar openioto-simulator.jar [options]}; see {@link SimulatorOptions}.
 * Prints the report and exits 0 if the run passes, 1 if not, 64 for a bad command line and 69 if
 * the cloud cannot be started or reached.
 */
public final class SimulatorMain {

    static final int EX_FAILED = 1;
    /** sysexits.h EX_USAGE. */
    static final int EX_USAGE = 64;
    /** sysexits.h EX_UNAVAILABLE. */
    static final int EX_UNAVAILABLE = 69;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(Arrays.asList(args));
        } catch (SimulatorOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("openioto-simulator: " + e.getMessage());
            }
            System.err.println(SimulatorOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : EX_USAGE);
            return;
        }
        System.exit(run(options));
    }

    /** Runs the simulation against the cloud the options name (or start) and returns the exit code. */
    static int run(SimulatorOptions options) throws InterruptedException {
        CloudUnderTest cloud;
        try {
            cloud = cloud(options);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("openioto-simulator: cannot use the cloud: " + e.getMessage());
            return EX_UNAVAILABLE;
        }
        // Ctrl-C during a run still stops a cloud process the simulator started
        Thread hook = new Thread(cloud::close, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            System.out.println("openioto-simulator: " + options.devices() + " devices; cloud " + cloud.description());
            Report report = new Simulation(options, cloud, System.out).run();
            System.out.println();
            System.out.print(report.table());
            return report.passes() ? 0 : EX_FAILED;
        } finally {
            cloud.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway, and closing twice is harmless
            }
        }
    }

    private static CloudUnderTest cloud(SimulatorOptions options) throws Exception {
        if (options.cloud().isPresent()) {
            return new RunningCloud(options.cloud().get(), options.authority().get(), options.adminPassword().get());
        }
        if (options.cloudJar().isPresent()) {
            return new CloudProcess(options.cloudJar().get());
        }
        return new InProcessCloud();
    }
}
