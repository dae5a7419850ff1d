package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate that keeps an early hang-up from racing with Paho's thread start-up. */
class FirstWriteGateTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final FirstWriteGate gate = new FirstWriteGate(Duration.ofSeconds(30), e -> new IOException("explained: " + e.getMessage(), e));
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        gate.open();
        reader.shutdownNow();
    }

    @Test
    void holdsAReadFailureUntilTheFirstWriteAndFailsTheWriteToo() {
        InputStream in = gate.input(failing(new IOException("alert")));
        OutputStream out = gate.output(written);

        CompletableFuture<Integer> read = read(in);
        assertStaysPending(read);

        assertThatThrownBy(() -> out.write(new byte[] {0x10, 0}))
                .hasMessage("explained: alert");
        assertThat(written.toByteArray()).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(read::isDone);
        assertThat(read).isCompletedExceptionally();
        assertThatThrownBy(read::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("alert")
                .cause().hasMessage("explained: alert");
    }

    @Test
    void closingReleasesAHeldFailure() {
        CompletableFuture<Integer> read = read(gate.input(failing(new IOException("reset"))));
        assertStaysPending(read);

        gate.open();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(read::isDone);
        assertThatThrownBy(read::join).cause().hasMessage("explained: reset");
    }

    @Test
    void anEndOfStreamBeforeAnyDataIsHeldAndReportedAsAFailure() {
        CompletableFuture<Integer> read = read(gate.input(new ByteArrayInputStream(new byte[0])));
        assertStaysPending(read);

        gate.open();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(read::isDone);
        assertThatThrownBy(read::join).cause().hasMessage("explained: the peer closed the connection before sending anything")
                .cause().isInstanceOf(EOFException.class);
    }

    @Test
    void anEndOfStreamAfterDataPassesAtOnce() throws Exception {
        InputStream in = gate.input(new ByteArrayInputStream(new byte[] {0}));

        assertThat(in.read()).as("a zero byte is data").isZero();
        assertThat(gate.received()).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readTimeoutsPassAtOnce() {
        // Paho's receiver reads with a one-second timeout and simply reads again
        InputStream in = gate.input(failing(new SocketTimeoutException("Read timed out")));

        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out");
    }

    @Test
    void afterTheFirstWriteFailuresPassAtOnce() throws Exception {
        InputStream in = gate.input(failing(new IOException("reset")));
        gate.output(written).write(new byte[] {0x10, 0});

        assertThatThrownBy(in::read).hasMessage("explained: reset");
        assertThat(written.toByteArray()).containsExactly(0x10, 0);
    }

    @Test
    void theHoldIsBounded() {
        FirstWriteGate bounded = new FirstWriteGate(Duration.ofMillis(200), e -> e);
        InputStream in = bounded.input(failing(new IOException("reset")));

        CompletableFuture<Integer> read = read(in);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(read::isDone);
        assertThatThrownBy(read::join).cause().hasMessage("reset");
    }

    private CompletableFuture<Integer> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.read(new byte[16], 0, 16);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, reader);
    }

    private static void assertStaysPending(CompletableFuture<?> future) {
        Awaitility.await("read held back").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !future.isDone());
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };
    }
}
