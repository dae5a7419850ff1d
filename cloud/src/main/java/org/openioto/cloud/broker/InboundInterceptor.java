package org.openioto.cloud.broker;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each accepted publish to an {@link Inbound} listener on an executor of the broker's own. */
final class InboundInterceptor extends AbstractInterceptHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InboundInterceptor.class);

    private final Inbound inbound;
    private final Executor executor;

    InboundInterceptor(Inbound inbound, Executor executor) {
        this.inbound = inbound;
        this.executor = executor;
    }

    @Override
    public String getID() {
        return "openioto-inbound";
    }

    @Override
    public Class<?>[] getInterceptedMessageTypes() {
        return new Class<?>[] {InterceptPublishMessage.class};
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        // Moquette hands us a retained duplicate: release it exactly once, whatever happens next
        ByteBuf payload = message.getPayload();
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(payload);
        } finally {
            payload.release();
        }
        String clientId = message.getClientID();
        String topic = message.getTopicName();
        try {
            executor.execute(() -> deliver(clientId, topic, bytes));
        } catch (RejectedExecutionException e) {
            LOG.debug("Broker closing, dropped a message from {} on {}", clientId, topic);
        }
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        LOG.warn("MQTT session loop failed: {}", error.toString());
    }

    private void deliver(String clientId, String topic, byte[] bytes) {
        try {
            inbound.accept(clientId, topic, bytes);
        } catch (RuntimeException e) {
            LOG.warn("Inbound listener failed on a message from {} on {}", clientId, topic, e);
        }
    }
}
