package org.openioto.cloud.sync;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a cloud-side write of a device's items on the device's lane, in order with the device's
 * own messages, and sends the written item to the device at once if it is connected (otherwise
 * the device gets it with its next syncDown). Thread-safe.
 */
final class CloudWrites {

    /** A write in one transaction, returning the item to send, or empty if nothing changed. */
    interface Write {
        Optional<Item> run() throws Exception;
    }

    private final Lanes lanes;
    private final ItemSync sync;
    private final Downlink downlink;

    CloudWrites(Lanes lanes, ItemSync sync, Downlink downlink) {
        this.lanes = lanes;
        this.sync = sync;
        this.downlink = downlink;
    }

    /**
     * Queues {@code write} on the device's lane. The future completes on that lane with the item
     * written once it is stored (and sent, if the device is connected), or exceptionally with the
     * write's exception, or a {@link RejectedExecutionException} if sync is closed or the lane is full.
     */
    CompletableFuture<Optional<Item>> apply(String deviceId, Write write) {
        CompletableFuture<Optional<Item>> done = new CompletableFuture<>();
        try {
            lanes.run(deviceId, () -> {
                try {
                    Optional<Item> item = write.run();
                    if (item.isPresent() && downlink.connected(deviceId)) {
                        sync.send(deviceId, item.get());
                    }
                    done.complete(item);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
