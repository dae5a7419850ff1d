package org.openioto.mqtt.internal.queue;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import org.osgi.service.log.Logger;

/**
 * The durable half of the queue: owns its directory (locked against a second process), writes
 * message and ACK records to the log, forces it, and compacts it. ACK records gather in memory
 * and go out with the next message record, when {@value #ACKS_GATHERED} have gathered, or at
 * {@link #writeAcks}: one write for many, where each ACK alone would cost a system call.
 *
 * <p>Writing and compacting must be serialized by the caller (the queue's lock); {@link #force}
 * and {@link #dirty} may be called from any thread at any time.
 */
final class Journal implements AutoCloseable {

    static final String LOCK = "queue.lock";
    static final int ACKS_GATHERED = 512;

    private final Path dir;
    private final long compactAfter;
    private final FileChannel lockChannel;
    private final Replay recovered;
    private final RecordFormat format = new RecordFormat();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private final ByteBuffer acks = ByteBuffer.allocateDirect(ACKS_GATHERED * RecordFormat.ACK_SIZE);
    private volatile LogFile file;
    private long liveBytes;

    private Journal(Path dir, long compactAfter, FileChannel lockChannel, Replay recovered, LogFile file) {
        this.dir = dir;
        this.compactAfter = compactAfter;
        this.lockChannel = lockChannel;
        this.recovered = recovered;
        this.file = file;
        recovered.pending().values().forEach(m -> liveBytes += RecordFormat.recordSize(m));
    }

    /**
     * Locks {@code dir}, replays its log, and cuts off a torn or corrupt end (logged as a warning)
     * or sets a log with an unreadable header aside; then the log is ready for appending.
     *
     * @throws IOException if the directory cannot be used, or another process holds it
     */
    static Journal open(Path dir, long compactAfter, Logger log) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), CREATE, WRITE);
        try {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new IOException("another process is using the MQTT queue in " + dir);
            }
            Replay replay = Replay.read(dir.resolve(LogFile.LOG));
            replay.problem().ifPresent(p -> log.warn("MQTT queue " + dir.resolve(LogFile.LOG) + ": " + p + "; kept the "
                    + replay.pending().size() + " pending messages before it, moved the " + (replay.size() - replay.end())
                    + " bytes from there on to " + LogFile.DISCARDED));
            LogFile file;
            if (replay.end() == 0) {
                if (replay.size() > 0) {
                    Files.move(dir.resolve(LogFile.LOG), dir.resolve(LogFile.DISCARDED), StandardCopyOption.REPLACE_EXISTING);
                }
                file = LogFile.replace(dir, replay.nextId(), List.of());
            } else {
                file = LogFile.open(dir, replay.end());
            }
            return new Journal(dir, compactAfter, lockChannel, replay, file);
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new IOException("the MQTT queue in " + dir + " is already open", e);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /** What {@link #open} found: the messages pending, in order, and the next id. */
    Replay recovered() {
        return recovered;
    }

    /**
     * Appends a message record, after the ACKs gathered so far. On failure nothing was added to
     * the log, and the ACKs are still gathered.
     */
    void message(QueuedMessage m) throws IOException {
        int size = (int) RecordFormat.recordSize(m);
        boolean withAcks = acks.position() + size <= buffer.capacity();
        ByteBuffer b = withAcks ? buffer.clear() : ByteBuffer.allocate(size);
        if (withAcks) {
            b.put(acks.duplicate().flip());
        }
        format.putMessage(b, m);
        file.append(b.flip());
        liveBytes += size;
        if (withAcks) {
            acks.clear();
        }
    }

    /**
     * Gathers an ACK record for a message written by {@link #message}; the message no longer
     * counts as live. Writes the gathered ACKs once there are {@value #ACKS_GATHERED}.
     *
     * @throws IOException if that write failed; those ACKs are dropped, so their messages are
     *     sent again after a restart
     */
    void ack(QueuedMessage m) throws IOException {
        liveBytes -= RecordFormat.recordSize(m);
        format.putAck(acks, m.id());
        if (!acks.hasRemaining()) {
            writeAcks();
        }
    }

    /**
     * Writes the ACK records gathered so far.
     *
     * @throws IOException if that failed; those ACKs are dropped, so their messages are sent
     *     again after a restart
     */
    void writeAcks() throws IOException {
        if (acks.position() == 0) {
            return;
        }
        try {
            file.append(acks.flip());
        } finally {
            acks.clear();
        }
    }

    /** True if records were appended since the last force. */
    boolean dirty() {
        return file.dirty();
    }

    /** Forces everything appended so far to the device. */
    void force() throws IOException {
        while (true) {
            LogFile current = file;
            try {
                current.force();
                return;
            } catch (ClosedChannelException e) {
                if (file == current) {
                    throw e;
                }
                // replaced by a compaction meanwhile, which forced what it holds; force the new one
            }
        }
    }

    /**
     * True if compacting is worth it: the acknowledged records in the log reach both
     * {@code compactAfter} and the size of the live ones, or the log is {@code idle} (nothing
     * appended since the last force) and nothing in it is live.
     */
    boolean compactionDue(boolean idle) {
        long garbage = file.size() - RecordFormat.HEADER_SIZE - liveBytes;
        return garbage >= Math.max(compactAfter, liveBytes) || (idle && garbage > 0 && liveBytes == 0);
    }

    /**
     * Rewrites the log to hold only {@code live}, crash-safely (see {@link LogFile#replace});
     * the ACKs gathered are for messages it leaves out, so they are not needed any more.
     */
    void compact(long nextId, Collection<QueuedMessage> live) throws IOException {
        LogFile old = file;
        file = LogFile.replace(dir, nextId, live);
        acks.clear();
        old.close();
    }

    /** Writes the gathered ACKs, forces and closes the log and releases the directory. */
    @Override
    public void close() throws IOException {
        try (lockChannel; LogFile last = file) {
            writeAcks();
            last.force();
        }
    }
}
