package org.openioto.mqtt.internal.queue;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * The queue's append-only log file in its directory, and the crash-safe way to replace it.
 *
 * <p>{@link #append} writes at the end with positional writes; {@link #force} may run on another
 * thread at the same time. Replacing ({@link #replace}) writes the new content to
 * {@value #COMPACT}, forces it, renames it over {@value #LOG} and forces the directory, so a
 * crash at any point leaves either the complete old log or the complete new one under
 * {@value #LOG}; a leftover {@value #COMPACT} was never installed and is deleted on open.
 */
final class LogFile implements AutoCloseable {

    static final String LOG = "queue.log";
    static final String COMPACT = "queue.log.compact";
    /** Bytes cut off the end at open, kept for inspection; replaced by the next cut. */
    static final String DISCARDED = "queue.log.discarded";

    private final FileChannel channel;
    private volatile long end;
    private volatile long forced;
    /** Set while the rename that installed this log may not be on the device yet. */
    private volatile Path directoryToForce;
    private volatile IOException directoryFailure;

    private LogFile(FileChannel channel, long end, long forced) {
        this.channel = channel;
        this.end = end;
        this.forced = forced;
    }

    /**
     * Opens the log of {@code dir} for appending after its first {@code validEnd} bytes. Bytes
     * after them are copied to {@value #DISCARDED}, then cut off, and the cut is forced.
     */
    static LogFile open(Path dir, long validEnd) throws IOException {
        Files.deleteIfExists(dir.resolve(COMPACT));
        FileChannel channel = FileChannel.open(dir.resolve(LOG), READ, WRITE);
        try {
            if (channel.size() > validEnd) {
                try (FileChannel discarded = FileChannel.open(dir.resolve(DISCARDED), CREATE, TRUNCATE_EXISTING, WRITE)) {
                    channel.transferTo(validEnd, channel.size() - validEnd, discarded);
                }
                channel.truncate(validEnd);
                channel.force(true);
            }
            return new LogFile(channel, validEnd, validEnd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Makes a log holding only {@code live} (in iteration order) with {@code nextId} in its header,
     * installs it as the log of {@code dir} in place of any other and opens it for appending.
     * Once the rename has happened the new file is the log whatever follows: if forcing the
     * directory fails then, the next {@link #force} tries again and reports it.
     */
    static LogFile replace(Path dir, long nextId, Collection<QueuedMessage> live) throws IOException {
        FileChannel channel = writeCompacted(dir, nextId, live);
        long size;
        try {
            size = channel.size();
            // the channel stays valid across the rename: appends go to the installed file
            Files.move(dir.resolve(COMPACT), dir.resolve(LOG), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(dir.resolve(COMPACT));
            throw e;
        }
        LogFile installed = new LogFile(channel, size, size);
        installed.directoryToForce = dir;
        installed.forceDirectoryIfDue();
        return installed;
    }

    /** First step of {@link #replace}: {@value #COMPACT} written and forced, still open. */
    static FileChannel writeCompacted(Path dir, long nextId, Collection<QueuedMessage> live) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(COMPACT), CREATE, TRUNCATE_EXISTING, READ, WRITE);
        try {
            RecordFormat format = new RecordFormat();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
            format.putHeader(buffer, nextId);
            for (QueuedMessage m : live) {
                if (RecordFormat.recordSize(m) > buffer.remaining()) {
                    writeAll(channel, buffer.flip());
                    buffer.clear();
                }
                if (RecordFormat.recordSize(m) > buffer.capacity()) {
                    ByteBuffer big = ByteBuffer.allocate((int) RecordFormat.recordSize(m));
                    format.putMessage(big, m);
                    writeAll(channel, big.flip());
                } else {
                    format.putMessage(buffer, m);
                }
            }
            writeAll(channel, buffer.flip());
            channel.force(true);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Second step of {@link #replace}, for tests: the atomic rename, made durable by forcing the directory. */
    static void install(Path dir) throws IOException {
        Files.move(dir.resolve(COMPACT), dir.resolve(LOG), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, READ)) {
            directory.force(true);
        }
    }

    /** Forces the directory a rename installed this log in, once; tried again by each {@link #force} until it works. */
    private void forceDirectoryIfDue() {
        Path dir = directoryToForce;
        if (dir == null) {
            return;
        }
        try {
            forceDirectory(dir);
            directoryToForce = null;
        } catch (IOException e) {
            directoryFailure = e;
        }
    }

    /**
     * Writes the buffer at the end of the log. On failure the end stays where it was, so a
     * partly written record is overwritten by the next one, and is also cut off if possible.
     */
    void append(ByteBuffer buffer) throws IOException {
        long start = end;
        long position = start;
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            end = position;
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException t) {
                e.addSuppressed(t);
            }
            throw e;
        }
    }

    /** The length of the log: its header and all records written to it. */
    long size() {
        return end;
    }

    /** True if records were appended since the last {@link #force}. */
    boolean dirty() {
        return forced != end;
    }

    /**
     * Forces all records written so far to the device.
     *
     * @throws ClosedChannelException if this log was replaced meanwhile
     */
    void force() throws IOException {
        long upTo = end;
        channel.force(false);
        forced = upTo;
        if (directoryToForce != null) {
            forceDirectoryIfDue();
            IOException failed = directoryFailure;
            if (directoryToForce != null && failed != null) {
                throw new IOException("the compacted log is in place but its directory could not be forced: " + failed, failed);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
