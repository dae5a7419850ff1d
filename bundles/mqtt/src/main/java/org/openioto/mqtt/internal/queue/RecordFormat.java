package org.openioto.mqtt.internal.queue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes the queue log: a header, then records. Not thread-safe (it keeps one checksum); each
 * writer and reader has its own.
 *
 * <pre>
 * header  magic 'OIQ1' (int), next id (long), CRC32C of the 12 bytes before it (int)
 * record  length (int, bytes after the checksum), CRC32C of the length and those bytes (int),
 *         type (byte), then by type
 *   MESSAGE (1)  id (long), QoS (byte, 1 or 2), flags (byte, 1 = retain),
 *                topic length (unsigned short), topic (UTF-8), payload (the rest)
 *   ACK (2)      id (long)
 * </pre>
 *
 * All numbers are big-endian. The checksum covers the length so that a flipped length is caught
 * as surely as a flipped payload byte.
 */
final class RecordFormat {

    static final int MAGIC = 0x4F495131;
    static final int HEADER_SIZE = 16;
    /** Length and checksum in front of every record. */
    static final int FRAME_SIZE = 8;
    static final byte MESSAGE = 1;
    static final byte ACK = 2;
    static final int ACK_BODY = 1 + 8;
    static final int MESSAGE_HEAD = 1 + 8 + 1 + 1 + 2;
    static final int ACK_SIZE = FRAME_SIZE + ACK_BODY;
    static final int MAX_TOPIC = 65_535;
    /** The largest MQTT 3.1.1 packet; no payload can be larger. */
    static final int MAX_PAYLOAD = 268_435_455;
    static final int MAX_BODY = MESSAGE_HEAD + MAX_TOPIC + MAX_PAYLOAD;

    private final CRC32C crc = new CRC32C();

    /** Bytes the message takes in the log. */
    static long recordSize(QueuedMessage m) {
        return FRAME_SIZE + MESSAGE_HEAD + m.topicBytes().length + m.payloadLength();
    }

    void putHeader(ByteBuffer b, long nextId) {
        int start = b.position();
        b.putInt(MAGIC).putLong(nextId);
        crc.reset();
        crc.update(b.duplicate().position(start).limit(start + 12));
        b.putInt((int) crc.getValue());
    }

    /** The next id of a header, or -1 if it is not a valid header. */
    long readHeader(ByteBuffer b) {
        crc.reset();
        crc.update(b.duplicate().limit(b.position() + 12));
        int magic = b.getInt();
        long nextId = b.getLong();
        int sum = b.getInt();
        return magic == MAGIC && sum == (int) crc.getValue() && nextId > 0 ? nextId : -1;
    }

    void putMessage(ByteBuffer b, QueuedMessage m) {
        int start = b.position();
        b.putInt(0).putInt(0).put(MESSAGE).putLong(m.id()).put((byte) m.qos().value()).put((byte) (m.retain() ? 1 : 0))
                .putShort((short) m.topicBytes().length).put(m.topicBytes()).put(m.payloadBytes());
        seal(b, start);
    }

    void putAck(ByteBuffer b, long id) {
        int start = b.position();
        b.putInt(0).putInt(0).put(ACK).putLong(id);
        seal(b, start);
    }

    /** The checksum of a record with this length and body (from position to limit). */
    int checksum(int length, ByteBuffer body) {
        crc.reset();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(body.duplicate());
        return (int) crc.getValue();
    }

    private void seal(ByteBuffer b, int start) {
        int length = b.position() - start - FRAME_SIZE;
        b.putInt(start, length);
        b.putInt(start + 4, checksum(length, b.duplicate().position(start + FRAME_SIZE).limit(b.position())));
    }
}
