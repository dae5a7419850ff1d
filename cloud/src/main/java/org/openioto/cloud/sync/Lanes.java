package org.openioto.cloud.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A few single-thread executors; a device always gets the same one, so its messages are handled
 * in the order they arrived while different devices proceed side by side. Thread-safe.
 */
final class Lanes implements AutoCloseable {

    /** Tasks waiting per lane; beyond this a device is flooding and its messages are refused. */
    private static final int QUEUE = 10_000;

    private final List<ThreadPoolExecutor> lanes = new ArrayList<>();

    Lanes(int count) {
        for (int i = 0; i < count; i++) {
            String name = "sync-lane-" + i;
            lanes.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    /**
     * Runs {@code task} on the device's lane after the tasks given before it.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the lane is full or closed
     */
    void run(String deviceId, Runnable task) {
        lanes.get(Math.floorMod(deviceId.hashCode(), lanes.size())).execute(task);
    }

    /** Lets queued tasks finish, waiting up to 5 s in all, then interrupts what is left. */
    @Override
    public void close() {
        lanes.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (ThreadPoolExecutor lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.forEach(ThreadPoolExecutor::shutdownNow);
    }
}
