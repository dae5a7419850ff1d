package org.openioto.mqtt.internal.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the device's one client certificate whenever a server asks for one, whatever
 * certificate authorities the server names. The JDK's own key manager sends nothing when the
 * issuer is not among the names in the request; a device has exactly one identity, and sending
 * it lets the broker say why it refuses it, as Ioto's OpenSSL/MbedTLS clients do.
 *
 * <p>Remembers (weakly) the sockets on which a server asked for a client certificate, so that a
 * connection that breaks right afterwards can be explained as a probable refusal of the
 * certificate. Without a certificate ({@link #none()}) it only remembers and presents nothing.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "device";

    private final X509Certificate[] chain;
    private final PrivateKey key;
    private final Set<Socket> asked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private ClientKeyManager(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** A key manager without a certificate: the client answers a certificate request with none. */
    static ClientKeyManager none() {
        return new ClientKeyManager(new X509Certificate[0], null);
    }

    /** Reads a certificate (with optional chain) and its key, and checks they belong together and are valid now. */
    static ClientKeyManager of(Path certificate, Path key) throws TlsException {
        List<X509Certificate> chain = PemFiles.certificates(certificate, "certificate");
        PrivateKey privateKey = PemFiles.privateKey(key);
        PemFiles.checkPair(chain.get(0), privateKey, certificate, key);
        return new ClientKeyManager(chain.toArray(X509Certificate[]::new), privateKey);
    }

    /** True if the server asked for a client certificate in a handshake on this JDK socket. */
    boolean askedOn(Socket socket) {
        return asked.contains(socket);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        if (socket != null) {
            asked.add(socket);
        }
        // the JDK asks once per key type it could sign with; answer only for our key's type
        return key != null && keyTypes != null && Arrays.asList(keyTypes).contains(key.getAlgorithm()) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return key != null && key.getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return key != null && ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key != null && ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
