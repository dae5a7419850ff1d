package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

class InboundInterceptorTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final Executor executor = queued::add;

    @Test
    void copiesThePayloadReleasesItOnceAndDeliversOnTheExecutor() {
        Received received = new Received();
        ByteBuf payload = Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8);

        new InboundInterceptor(received, executor).onPublish(message("ioto/service/d1/x", payload));

        assertThat(payload.refCnt()).isZero();
        assertThat(received.messages()).isEmpty(); // not on the broker's thread
        queued.forEach(Runnable::run);
        assertThat(received.messages()).containsExactly(new Received.Message("d1", "ioto/service/d1/x", "hi"));
    }

    @Test
    void aListenerThatThrowsHarmsNothing() {
        Received after = new Received();
        InboundInterceptor failing = new InboundInterceptor((c, t, p) -> {
            throw new IllegalStateException("listener bug");
        }, executor);
        InboundInterceptor working = new InboundInterceptor(after, executor);

        failing.onPublish(message("ioto/service/d1/a", Unpooled.copiedBuffer(new byte[] {1})));
        working.onPublish(message("ioto/service/d1/b", Unpooled.copiedBuffer(new byte[] {2})));
        queued.forEach(Runnable::run);

        assertThat(after.topics()).containsExactly("ioto/service/d1/b");
    }

    @Test
    void releasesThePayloadWhenTheExecutorIsClosed() {
        ByteBuf payload = Unpooled.copiedBuffer(new byte[] {1});
        Executor closed = task -> {
            throw new java.util.concurrent.RejectedExecutionException("closed");
        };

        new InboundInterceptor(new Received(), closed).onPublish(message("ioto/service/d1/x", payload));

        assertThat(payload.refCnt()).isZero();
    }

    private static InterceptPublishMessage message(String topic, ByteBuf payload) {
        // not MqttMessageBuilders: it copies the payload, and the test must see the buffer it passed
        var publish = new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
            new MqttPublishVariableHeader(topic, 1), payload);
        return new InterceptPublishMessage(publish, "d1", null);
    }
}
