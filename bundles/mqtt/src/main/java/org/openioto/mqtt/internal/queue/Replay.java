package org.openioto.mqtt.internal.queue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import org.openioto.mqtt.Qos;

/**
 * What reading a queue log from the start found: the messages without an ACK in append order,
 * the id to go on from, and where the valid part of the file ends.
 *
 * <p>Reading stops at the first record that is not valid (short, impossible length, checksum
 * mismatch, unknown type, or an id that does not increase) and reports it in {@code problem};
 * everything before it is kept. Nothing after it is trusted: once one length is wrong the record
 * boundaries after it are unknown, and scanning for the next record that looks valid could take
 * bytes inside a payload for a record. This is point-in-time recovery: a consistent prefix of
 * what was appended, never an invented or reordered message.
 *
 * @param nextId the id for the next message: above every id in the file and the header's
 * @param pending messages without an ACK, by id, which is append order
 * @param end the length of the valid part: the header and the valid records; 0 if the header
 *     is missing or not valid
 * @param size the length of the file
 * @param problem why reading stopped before {@code size}, with the offset
 */
record Replay(long nextId, TreeMap<Long, QueuedMessage> pending, long end, long size, Optional<String> problem) {

    /** Reads {@code file}; a missing file reads as an empty log. */
    static Replay read(Path file) throws IOException {
        long size;
        InputStream stream;
        try {
            size = Files.size(file);
            stream = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return new Replay(1, new TreeMap<>(), 0, 0, Optional.empty());
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            return new Reader(in, size).read();
        }
    }

    /** Reads one file front to back; single use. */
    private static final class Reader {

        private final RecordFormat format = new RecordFormat();
        private final TreeMap<Long, QueuedMessage> pending = new TreeMap<>();
        private final DataInputStream in;
        private final long size;
        private long position;
        private long nextId;
        private long lastId;

        Reader(DataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        Replay read() throws IOException {
            if (size < RecordFormat.HEADER_SIZE) {
                return new Replay(1, pending, 0, size, problem(size == 0 ? null : "shorter than the header"));
            }
            byte[] header = new byte[RecordFormat.HEADER_SIZE];
            in.readFully(header);
            nextId = format.readHeader(ByteBuffer.wrap(header));
            if (nextId < 0) {
                return new Replay(1, pending, 0, size, problem("not a valid queue header"));
            }
            position = RecordFormat.HEADER_SIZE;
            while (position < size) {
                String problem = nextRecord();
                if (problem != null) {
                    return new Replay(nextId, pending, position, size, problem(problem));
                }
            }
            return new Replay(nextId, pending, position, size, Optional.empty());
        }

        private Optional<String> problem(String what) {
            return Optional.ofNullable(what).map(w -> "at offset " + position + " of " + size + ": " + w);
        }

        /** Reads and applies the record at {@code position}; answers why not if it is not valid. */
        private String nextRecord() throws IOException {
            long remaining = size - position - RecordFormat.FRAME_SIZE;
            if (remaining < 0) {
                return "a torn record (" + (remaining + RecordFormat.FRAME_SIZE) + " bytes)";
            }
            int length = in.readInt();
            int checksum = in.readInt();
            if (length < RecordFormat.ACK_BODY || length > RecordFormat.MAX_BODY) {
                return "a record length of " + length + " is impossible";
            }
            if (length > remaining) {
                return "a torn record (" + length + " bytes long, " + remaining + " there)";
            }
            byte[] body = new byte[length];
            in.readFully(body);
            if (format.checksum(length, ByteBuffer.wrap(body)) != checksum) {
                return "checksum mismatch in a record of " + length + " bytes";
            }
            String problem = apply(ByteBuffer.wrap(body));
            if (problem == null) {
                position += RecordFormat.FRAME_SIZE + length;
            }
            return problem;
        }

        private String apply(ByteBuffer body) {
            byte type = body.get();
            if (type == RecordFormat.ACK && body.remaining() == 8) {
                pending.remove(body.getLong());
                return null;
            }
            if (type != RecordFormat.MESSAGE || body.remaining() < RecordFormat.MESSAGE_HEAD - 1) {
                return "a record of unknown type " + type + " or size " + (body.remaining() + 1);
            }
            long id = body.getLong();
            int qos = body.get();
            int flags = body.get();
            int topicLength = Short.toUnsignedInt(body.getShort());
            if (id <= lastId || qos < 1 || qos > 2 || (flags & ~1) != 0 || topicLength > body.remaining()) {
                return "a message (id " + id + " after " + lastId + ", QoS " + qos + ", flags " + flags + ", topic of "
                        + topicLength + " bytes) that cannot have been written";
            }
            byte[] topic = new byte[topicLength];
            body.get(topic);
            byte[] payload = new byte[body.remaining()];
            body.get(payload);
            pending.put(id, QueuedMessage.read(id, topic, payload, Qos.of(qos), flags == 1));
            lastId = id;
            nextId = Math.max(nextId, id + 1);
            return null;
        }
    }
}
