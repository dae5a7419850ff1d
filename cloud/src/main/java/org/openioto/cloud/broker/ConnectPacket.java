package org.openioto.cloud.broker;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the client identifier from the first bytes a client sends, which MQTT requires to be a
 * CONNECT packet (3.1: "MQIsdp" level 3; 3.1.1: "MQTT" level 4; 5: "MQTT" level 5 with properties).
 *
 * <p>Only the bytes up to the client id are needed, so this works on a prefix of the packet.
 */
final class ConnectPacket {

    private static final int CONNECT = 1;

    private ConnectPacket() {
    }

    /**
     * Returns the client id, or empty if {@code length} bytes are not yet enough to hold it.
     *
     * @throws IllegalArgumentException if the bytes are not the start of a CONNECT packet
     */
    static Optional<String> clientId(byte[] data, int length) {
        Reader in = new Reader(data, length);
        if (!in.has(1)) {
            return Optional.empty();
        }
        int first = in.u8();
        if (first >> 4 != CONNECT || (first & 0x0F) != 0) {
            throw new IllegalArgumentException(String.format("First packet is not CONNECT (header 0x%02x)", first));
        }
        Integer remaining = in.varInt();
        if (remaining == null) {
            return Optional.empty();
        }
        int end = in.position() + remaining;
        if (!in.has(2)) {
            return Optional.empty();
        }
        int nameLength = in.u16();
        if (!in.has(nameLength + 4)) {
            return Optional.empty();
        }
        String protocol = in.utf8(nameLength);
        int level = in.u8();
        if (!(protocol.equals("MQTT") && (level == 4 || level == 5)) && !(protocol.equals("MQIsdp") && level == 3)) {
            throw new IllegalArgumentException("Unknown protocol " + protocol + " level " + level);
        }
        in.skip(3); // connect flags and keep alive
        if (level == 5) {
            Integer properties = in.varInt();
            if (properties == null || !in.has(properties)) {
                return Optional.empty();
            }
            in.skip(properties);
        }
        if (!in.has(2)) {
            return Optional.empty();
        }
        int idLength = in.u16();
        if (in.position() + idLength > end) {
            throw new IllegalArgumentException("Client id runs past the end of the CONNECT packet");
        }
        if (!in.has(idLength)) {
            return Optional.empty();
        }
        return Optional.of(in.utf8(idLength));
    }

    /** A cursor over the bytes received so far. */
    private static final class Reader {
        private final byte[] data;
        private final int length;
        private int position;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        int position() {
            return position;
        }

        boolean has(int count) {
            return length - position >= count;
        }

        int u8() {
            return data[position++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        void skip(int count) {
            position += count;
        }

        String utf8(int count) {
            String text = new String(data, position, count, StandardCharsets.UTF_8);
            position += count;
            return text;
        }

        /** An MQTT variable byte integer, or null if its bytes have not all arrived. */
        Integer varInt() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                if (!has(1)) {
                    return null;
                }
                int b = u8();
                value |= (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Variable byte integer longer than 4 bytes");
        }
    }
}
