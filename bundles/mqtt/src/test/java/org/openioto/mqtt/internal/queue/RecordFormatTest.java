package org.openioto.mqtt.internal.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.openioto.mqtt.Qos;

/**
 * The log's bytes, exactly. The checksums in the fixtures were computed apart from this code,
 * with a bit-by-bit CRC32C (Castagnoli, reflected polynomial 0x82F63B78).
 */
class RecordFormatTest {

    private final RecordFormat format = new RecordFormat();

    private static String hex(ByteBuffer b) {
        byte[] bytes = new byte[b.flip().remaining()];
        b.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void usesCrc32c() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(UTF_8));
        // the standard check value of CRC-32C
        assertThat(crc.getValue()).isEqualTo(0xE3069283L);
    }

    @Test
    void writesTheHeader() {
        ByteBuffer b = ByteBuffer.allocate(64);
        format.putHeader(b, 1);
        // magic 'OIQ1' | next id 1 | CRC32C of the 12 bytes before it
        assertThat(hex(b)).isEqualTo("4f495131" + "0000000000000001" + "fdb4c6a9");
        assertThat(format.readHeader(b.rewind())).isEqualTo(1);
    }

    @Test
    void refusesAHeaderWithAWrongMagicOrChecksum() {
        byte[] header = HexFormat.of().parseHex("4f495131" + "0000000000000001" + "fdb4c6a9");
        header[3] = '2';
        assertThat(format.readHeader(ByteBuffer.wrap(header))).isEqualTo(-1);
        header[3] = '1';
        header[15] ^= 1;
        assertThat(format.readHeader(ByteBuffer.wrap(header))).isEqualTo(-1);
    }

    @Test
    void writesAMessage() {
        ByteBuffer b = ByteBuffer.allocate(64);
        QueuedMessage m = QueuedMessage.read(5, "a/b".getBytes(UTF_8), "hi".getBytes(UTF_8), Qos.AT_LEAST_ONCE, true);
        format.putMessage(b, m);
        // length 18 | CRC32C of length and body | MESSAGE | id 5 | QoS 1 | retain | topic length 3 | "a/b" | "hi"
        assertThat(hex(b)).isEqualTo("00000012" + "d8deef6f" + "01" + "0000000000000005" + "01" + "01" + "0003" + "612f62" + "6869");
        assertThat(RecordFormat.recordSize(m)).isEqualTo(b.limit());
    }

    @Test
    void writesAnAck() {
        ByteBuffer b = ByteBuffer.allocate(64);
        format.putAck(b, 7);
        // length 9 | CRC32C of length and body | ACK | id 7
        assertThat(hex(b)).isEqualTo("00000009" + "088c8bc5" + "02" + "0000000000000007");
        assertThat(b.limit()).isEqualTo(RecordFormat.ACK_SIZE);
    }

    @Test
    void checksumCoversTheLength() {
        ByteBuffer body = ByteBuffer.wrap(HexFormat.of().parseHex("02" + "0000000000000007"));
        assertThat(format.checksum(9, body)).isEqualTo(0x088c8bc5);
        assertThat(format.checksum(10, body)).isNotEqualTo(0x088c8bc5);
    }
}
