package org.openioto.mqtt.internal.tls;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Holds back the end of a connection's input (a read failure or end of stream) until the
 * connection has tried its first write or has been closed, so that a peer that hangs up at once
 * is seen only after the client has sent its first packet.
 *
 * <p>Why: Paho 1.2.5's connect thread starts its receiver thread and then polls every 100 ms
 * until it sees it running ({@code CommsReceiver.start}). A receiver that fails within those
 * 100 ms is already stopped when the connect thread looks, and the connect thread then polls
 * forever (TOOLCHAIN P18). That happens whenever the peer's refusal is already waiting on the
 * socket: a TLS 1.3 broker refuses a client certificate only after the client has finished its
 * handshake, so the refusal is the receiver's first read. Paho writes CONNECT only after its
 * receiver, sender and callback threads are all running, so a failure released by the first
 * write can no longer race with their start-up. Read timeouts pass at once: Paho's receiver
 * polls with a one-second read timeout.
 *
 * <p>An end of stream before any data has been read is reported as an {@link EOFException}
 * (Paho turns it into one anyway), so that it can be explained like any other failure. Once a
 * read has failed, writes fail with the same exception. Thread-safe.
 */
final class FirstWriteGate {

    private final CountDownLatch opened = new CountDownLatch(1);
    private final Duration limit;
    private final UnaryOperator<IOException> explain;
    private volatile IOException failure;
    private volatile boolean received;

    /**
     * @param limit how long a read failure is held at most if nothing is written or closed
     * @param explain turns a failure into the one the reader and writer see
     */
    FirstWriteGate(Duration limit, UnaryOperator<IOException> explain) {
        this.limit = limit;
        this.explain = explain;
    }

    /** True once a read has returned data. */
    boolean received() {
        return received;
    }

    /** Releases held failures; called before the first write and on close. */
    void open() {
        opened.countDown();
    }

    InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = guard(in::read);
                return b < 0 ? end() : data(b);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = guard(() -> in.read(buffer, offset, length));
                return n < 0 ? end() : n == 0 ? 0 : data(n);
            }

            @Override
            public int available() throws IOException {
                return guard(in::available);
            }
        };
    }

    OutputStream output(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                open();
                IOException f = failure;
                if (f != null) {
                    throw f;
                }
                try {
                    out.write(buffer, offset, length);
                } catch (IOException e) {
                    throw explain.apply(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw explain.apply(e);
                }
            }
        };
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guard(Read read) throws IOException {
        try {
            return read.run();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw held(e);
        }
    }

    private int data(int result) {
        received = true;
        return result;
    }

    /** An end of stream before any data is held and reported like a failure; Paho sees both alike. */
    private int end() throws IOException {
        if (!received) {
            throw held(new EOFException("the peer closed the connection before sending anything"));
        }
        return -1;
    }

    private IOException held(IOException e) {
        IOException f = explain.apply(e);
        failure = f;
        hold();
        return f;
    }

    private void hold() {
        try {
            opened.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
