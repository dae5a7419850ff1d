package org.openioto.cloud.broker;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * Confines each client to its own topics, keyed by its client id (over TLS, its certificate CN).
 *
 * <p>Write: {@code ioto/device/{id}/...}, {@code ioto/service/{id}/...} and the ingest prefix
 * {@code $aws/rules/IotoDevice/ioto/service/{id}/...}. Read: {@code ioto/device/{id}/...} and
 * {@code ioto/account/{account}/...}, where the account is {@code all} or the one the device is
 * claimed into, as the {@link DeviceDirectory} says.
 *
 * <p>Never throws: Moquette loses a session thread for good when its authorizer does.
 */
final class DeviceTopicPolicy implements IAuthorizatorPolicy {

    static final String INGEST_PREFIX = "$aws/rules/IotoDevice/";

    private final DeviceDirectory devices;

    DeviceTopicPolicy(DeviceDirectory devices) {
        this.devices = devices;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        String name = String.valueOf(topic);
        if (!usable(client) || hasWildcard(name)) {
            return false;
        }
        return name.startsWith("ioto/device/" + client + "/")
            || name.startsWith("ioto/service/" + client + "/")
            || name.startsWith(INGEST_PREFIX + "ioto/service/" + client + "/");
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        String filter = String.valueOf(topic);
        if (!usable(client)) {
            return false;
        }
        if (filter.startsWith("ioto/device/" + client + "/")) {
            return true;
        }
        if (filter.startsWith("ioto/account/")) {
            String rest = filter.substring("ioto/account/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                return false; // an account followed by at least one level: ioto/account/all/#
            }
            String account = rest.substring(0, slash);
            return account.equals("all") || ownAccount(client, account);
        }
        return false;
    }

    private boolean ownAccount(String client, String account) {
        try {
            return devices.accountOf(client).filter(account::equals).isPresent();
        } catch (RuntimeException e) {
            return false; // never throw here (see above)
        }
    }

    /** A client id that cannot widen a prefix: MQTT wildcards or separators in it would. */
    private static boolean usable(String client) {
        return client != null && !client.isEmpty() && client.indexOf('/') < 0 && !hasWildcard(client);
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('+') >= 0 || text.indexOf('#') >= 0;
    }
}
