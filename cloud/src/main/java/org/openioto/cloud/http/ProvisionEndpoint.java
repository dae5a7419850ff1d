package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Tokens;

/**
 * {@code POST {api}/tok/device/provision}, bearer = device token, body {@code {"id": ...}}:
 * replies {@code {certificate, key, endpoint, port, accountId, id}} or {@code {error, delay}}.
 * A body with {@code "csr"} (a PEM PKCS#10 request) has the device's own key signed, and the
 * reply carries no {@code key}.
 *
 * <p>The error strings are Ioto's own: an agent that reads "Cannot find device" or
 * "Authentication failed" from the cloud deprovisions and registers again.
 */
final class ProvisionEndpoint implements Endpoint {

    static final String NO_DEVICE = "Cannot find device";
    static final String AUTH_FAILED = "Authentication failed";
    /** Far more than any key's request needs (an RSA 4096 one is about 1.7 KB). */
    static final int MAX_CSR_CHARS = 16 * 1024;

    private final Devices devices;
    private final Provisioner provisioner;
    private final Clock clock;

    ProvisionEndpoint(Devices devices, Provisioner provisioner, Clock clock) {
        this.devices = devices;
        this.provisioner = provisioner;
        this.clock = clock;
    }

    @Override
    public Object handle(HttpExchange ex) throws Exception {
        String token = Exchanges.bearer(ex);
        Map<String, Object> body = Exchanges.jsonObject(ex);
        String id = Exchanges.requiredString(body, "id");
        Optional<String> csr = csr(body);
        Device device = authenticate(devices, id, token);
        String accountId = String.valueOf(device.accountId().orElseThrow());
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (device.blockedUntil().filter(now::isBefore).isPresent()) {
            long delay = Math.max(1, Duration.between(now, device.blockedUntil().get()).toSeconds());
            return refusal("Device is blocked", delay);
        }
        Provision result;
        try {
            result = provisioner.provision(id, accountId, csr);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "csr: " + e.getMessage());
        }
        if (result instanceof Provision.Refused refused) {
            return refusal(refused.error(), refused.delaySeconds());
        }
        Provision.Issued issued = (Provision.Issued) result;
        devices.markProvisioned(id);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("certificate", issued.certificatePem());
        issued.keyPem().ifPresent(key -> reply.put("key", key));
        reply.put("endpoint", issued.endpoint());
        reply.put("port", issued.port());
        reply.put("accountId", accountId);
        reply.put("id", id); // the agent takes its ID from here on later boots, so it must be echoed
        return reply;
    }

    private static Optional<String> csr(Map<String, Object> body) throws ApiException {
        Object csr = body.get("csr");
        if (csr == null) {
            return Optional.empty();
        }
        if (!(csr instanceof String pem) || pem.isBlank() || pem.length() > MAX_CSR_CHARS) {
            throw new ApiException(400, "csr must be a PEM certificate request of at most " + MAX_CSR_CHARS + " characters");
        }
        return Optional.of(pem);
    }

    /**
     * Returns device {@code id} if {@code token} is its current device token.
     *
     * @throws ApiException 404 "Cannot find device" or 401 "Authentication failed"
     */
    static Device authenticate(Devices devices, String id, String token) throws ApiException, SQLException {
        Device device = devices.byId(id).orElseThrow(() -> new ApiException(404, NO_DEVICE));
        if (device.tokenHash().isEmpty() || !MessageDigest.isEqual(
                device.tokenHash().get().getBytes(StandardCharsets.US_ASCII),
                Tokens.hash(token).getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(401, AUTH_FAILED);
        }
        return device;
    }

    // Sent with status 200, as a reply the agent parses: whether Ioto reads 'delay' from an error
    // status is not known, and a failed request only makes it retry with its own backoff.
    private static Map<String, Object> refusal(String error, long delay) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("error", error);
        reply.put("delay", delay);
        return reply;
    }
}
