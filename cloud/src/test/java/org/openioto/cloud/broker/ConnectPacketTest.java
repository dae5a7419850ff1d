package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ConnectPacketTest {

    /** MQTT 3.1.1 CONNECT: 10 14 | 00 04 "MQTT" | 04 | flags 02 | keep alive 04b0 (1200 s) | 00 08 "dev-alpn". */
    private static final byte[] V311 = hex("1014" + "00044d515454" + "04" + "02" + "04b0" + "0008" + "6465762d616c706e");

    /** MQTT 3.1 CONNECT: 10 11 | 00 06 "MQIsdp" | 03 | 02 | 003c | 00 03 "abc". */
    private static final byte[] V31 = hex("1011" + "00064d5149736470" + "03" + "02" + "003c" + "0003" + "616263");

    /** MQTT 5 CONNECT, properties: length 05, session expiry (11) 10 s: 10 14 | ... 05 | 02 | 003c | 05 11 0000000a | 00 02 "d5". */
    private static final byte[] V5 = hex("1014" + "00044d515454" + "05" + "02" + "003c" + "05" + "110000000a" + "0002" + "6435");

    @Test
    void readsClientIdOfEachProtocolLevel() {
        assertThat(ConnectPacket.clientId(V311, V311.length)).contains("dev-alpn");
        assertThat(ConnectPacket.clientId(V31, V31.length)).contains("abc");
        assertThat(ConnectPacket.clientId(V5, V5.length)).contains("d5");
    }

    @Test
    void waitsForMoreBytesAtEveryCut() {
        for (int cut = 0; cut < V311.length; cut++) {
            assertThat(ConnectPacket.clientId(V311, cut)).as("cut at %d", cut).isEmpty();
        }
        for (int cut = 0; cut < V5.length; cut++) {
            assertThat(ConnectPacket.clientId(V5, cut)).as("cut at %d", cut).isEmpty();
        }
    }

    @Test
    void readsTheIdBeforeTheRestOfTheConnectArrives() {
        // will topic and message would follow; the id is already complete
        byte[] withWill = hex("1030" + "00044d515454" + "04" + "06" + "003c" + "0002" + "6431");
        assertThat(ConnectPacket.clientId(withWill, withWill.length)).contains("d1");
    }

    @Test
    void readsAnEmptyClientId() {
        byte[] empty = hex("100c" + "00044d515454" + "04" + "02" + "003c" + "0000");
        assertThat(ConnectPacket.clientId(empty, empty.length)).contains("");
    }

    @Test
    void refusesWhatIsNotAConnect() {
        byte[] publish = hex("3005" + "0001" + "61" + "6869");
        assertThatThrownBy(() -> ConnectPacket.clientId(publish, publish.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not CONNECT");
        byte[] http = "GET / HTTP/1.1\r\n".getBytes();
        assertThatThrownBy(() -> ConnectPacket.clientId(http, http.length)).isInstanceOf(IllegalArgumentException.class);
        byte[] badFlags = hex("1114" + "00044d515454");
        assertThatThrownBy(() -> ConnectPacket.clientId(badFlags, badFlags.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUnknownProtocols() {
        byte[] level9 = hex("1014" + "00044d515454" + "09" + "02" + "003c" + "0000");
        assertThatThrownBy(() -> ConnectPacket.clientId(level9, level9.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level 9");
    }

    @Test
    void refusesAClientIdLongerThanThePacket() {
        // remaining length 0x0e, but the id claims 0x10 bytes
        byte[] overrun = hex("100e" + "00044d515454" + "04" + "02" + "003c" + "0010" + "6431");
        assertThatThrownBy(() -> ConnectPacket.clientId(overrun, overrun.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the end");
    }

    @Test
    void refusesAFiveByteRemainingLength() {
        byte[] tooLong = hex("10ffffffff7f");
        assertThatThrownBy(() -> ConnectPacket.clientId(tooLong, tooLong.length))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
