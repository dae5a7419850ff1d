package org.openioto.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One simulated Ioto device on the MQTT broker: TLS with its certificate, CONNECT with its claim
 * ID as client id, SUBSCRIBE {@code ioto/device/{id}/#} at QoS 1, and, once started, one Store
 * change batch every period, timing each from publish to the {@code sync/SYNC} ack with its seq.
 * A dropped connection is reconnected with backoff until the device is stopped.
 *
 * <p>Everything after construction runs on the device's one event loop, so its state needs no
 * locks; the public methods hand their work to that loop.
 */
final class SimulatedDevice {

    /** Ioto's keepalive; the device pings after half of it without writing. */
    static final int KEEPALIVE_SECONDS = 1200;
    /** Connection attempts before the device gives up on its first connection. */
    static final int FIRST_CONNECT_ATTEMPTS = 5;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final int MAX_MESSAGE_BYTES = 131_072;

    private final Credentials credentials;
    private final SslContext tls;
    private final EventLoop loop;
    private final Tally tally;
    private final long lossNanos;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    /** Seq of each published batch awaiting its ack, to when it was published and when it was due. */
    private final Map<Long, long[]> pending = new LinkedHashMap<>();

    private Channel channel;
    private boolean ready;
    private boolean everReady;
    private boolean stopped;
    private int attempts;
    private int packetId;
    private long seq = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    private long value;
    private ScheduledFuture<?> next;

    SimulatedDevice(Credentials credentials, SslContext tls, EventLoop loop, Tally tally, long lossNanos) {
        this.credentials = credentials;
        this.tls = tls;
        this.loop = loop;
        this.tally = tally;
        this.lossNanos = lossNanos;
    }

    String id() {
        return credentials.deviceId();
    }

    /**
     * Connects and subscribes. The future completes normally on the first SUBACK granting QoS 1,
     * exceptionally when {@link #FIRST_CONNECT_ATTEMPTS} attempts failed or the device stopped;
     * on the event loop either way.
     */
    CompletableFuture<Void> connect() {
        loop.execute(this::attempt);
        return firstReady;
    }

    /**
     * Publishes a Store change at {@code first} (System.nanoTime) and every {@code period} ns
     * after it while the change is due before {@code end}. A change due while the device is not
     * connected is counted as unsent.
     */
    void start(long first, long period, long end) {
        loop.execute(() -> schedule(first, period, end));
    }

    /** Whether the device is connected and subscribed now; blocks for the event loop. */
    boolean ready() throws Exception {
        return loop.submit(() -> ready).get();
    }

    /** How many published changes await their ack; blocks for the event loop. */
    int pending() throws Exception {
        return loop.submit(pending::size).get();
    }

    /**
     * Stops publishing and reconnecting, counts what still awaits its ack as lost and closes the
     * connection. Returns once done; blocks for the event loop.
     */
    void stop() throws Exception {
        loop.submit(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
            for (long[] p : pending.values()) {
                tally.lost(p[1]);
            }
            pending.clear();
            if (channel != null) {
                channel.close();
            }
            firstReady.completeExceptionally(new IllegalStateException("stopped"));
        }).get();
    }

    private void schedule(long due, long period, long end) {
        if (stopped || due - end >= 0) {
            return;
        }
        next = loop.schedule(() -> {
            tick(due);
            schedule(due + period, period, end);
        }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void tick(long due) {
        long now = System.nanoTime();
        for (Iterator<long[]> i = pending.values().iterator(); i.hasNext(); ) {
            long[] p = i.next();
            if (now - p[0] < lossNanos) {
                break; // in publish order: the rest are younger
            }
            tally.lost(p[1]);
            i.remove();
        }
        if (!ready) {
            tally.unsent(due);
            return;
        }
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        byte[] batch = StoreChange.batch(seq, id(), credentials.accountId(), "counter", value++, Instant.now());
        pending.put(seq, new long[] {System.nanoTime(), due});
        tally.sent(due);
        channel.writeAndFlush(MqttMessageBuilders.publish()
                .topicName(StoreChange.topic(id()))
                .qos(MqttQoS.AT_LEAST_ONCE)
                .retained(false)
                .messageId(nextPacketId())
                .payload(Unpooled.wrappedBuffer(batch))
                .build());
    }

    private int nextPacketId() {
        packetId = packetId == 65_535 ? 1 : packetId + 1;
        return packetId;
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        attempts++;
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SslHandler(engine(ch)),
                                new MqttDecoder(MAX_MESSAGE_BYTES), MqttEncoder.INSTANCE,
                                new IdleStateHandler(0, KEEPALIVE_SECONDS / 2, 0),
                                new Session());
                    }
                })
                .connect(credentials.endpoint(), credentials.port())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        tally.failedAttempt();
                        retry();
                    }
                });
    }

    /** Like Ioto: the broker is verified by the CA and by its name, and ALPN offers x-amzn-mqtt-ca. */
    private SSLEngine engine(SocketChannel ch) {
        SSLEngine engine = tls.newEngine(ch.alloc(), credentials.endpoint(), credentials.port());
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"x-amzn-mqtt-ca"});
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** After a failed attempt or a drop: try again after a backoff, unless stopped or out of first attempts. */
    private void retry() {
        if (stopped) {
            return;
        }
        if (!everReady && attempts >= FIRST_CONNECT_ATTEMPTS) {
            firstReady.completeExceptionally(new IllegalStateException(
                    "no connection after " + attempts + " attempts"));
            return;
        }
        // 250 ms after a drop, doubling with each failed attempt up to 10 s, half of it random
        long backoff = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(6, attempts));
        long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        loop.schedule(this::attempt, backoff / 2 + jitter, TimeUnit.MILLISECONDS);
    }

    /** One connection's MQTT conversation. */
    private final class Session extends SimpleChannelInboundHandler<MqttMessage> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (stopped) {
                ctx.close(); // stopped while this connection was being made
                return;
            }
            channel = ctx.channel();
            // the SslHandler holds this until the handshake is done
            ctx.writeAndFlush(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_3_1_1)
                    .clientId(id())
                    .cleanSession(true)
                    .keepAlive(KEEPALIVE_SECONDS)
                    .build());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            if (message.decoderResult().isFailure()) {
                ctx.close();
                return;
            }
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> connected(ctx, (MqttConnAckMessage) message);
                case SUBACK -> subscribed(ctx, (MqttSubAckMessage) message);
                case PUBLISH -> received(ctx, (MqttPublishMessage) message);
                default -> { } // PUBACK of our publishes, PINGRESP
            }
        }

        private void connected(ChannelHandlerContext ctx, MqttConnAckMessage message) {
            if (message.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                ctx.close();
                return;
            }
            ctx.writeAndFlush(MqttMessageBuilders.subscribe()
                    .messageId(nextPacketId())
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "ioto/device/" + id() + "/#")
                    .build());
        }

        private void subscribed(ChannelHandlerContext ctx, MqttSubAckMessage message) {
            if (!message.payload().grantedQoSLevels().equals(List.of(1))) {
                ctx.close();
                return;
            }
            // Publishing starts only now: an ack before the subscription is in place would be missed
            ready = true;
            attempts = 0;
            if (everReady) {
                tally.reconnected();
            }
            everReady = true;
            firstReady.complete(null);
        }

        private void received(ChannelHandlerContext ctx, MqttPublishMessage message) {
            if (message.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(message.variableHeader().packetId()).build());
            }
            if (!message.variableHeader().topicName().equals(StoreChange.ackTopic(id()))) {
                return;
            }
            long now = System.nanoTime();
            byte[] payload = new byte[message.payload().readableBytes()];
            message.payload().getBytes(message.payload().readerIndex(), payload);
            long[] p = pending.remove(StoreChange.ackSeq(payload));
            if (p != null) {
                tally.acked(p[1], (now - p[0]) / 1_000);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.writeAndFlush(MqttMessage.PINGREQ);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // channelInactive reconnects
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            boolean wasReady = ready;
            ready = false;
            channel = null;
            if (stopped) {
                return;
            }
            if (wasReady) {
                tally.dropped();
            } else {
                // TLS refused, or Moquette 0.17 closing a connection whose SUBSCRIBE came before it
                // marked the CONNECT done ("SUBSCRIBE received on already closed connection")
                tally.failedAttempt();
            }
            retry();
        }
    }
}
