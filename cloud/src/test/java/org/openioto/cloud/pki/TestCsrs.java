package org.openioto.cloud.pki;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Makes PKCS#10 requests the way a device would. */
public final class TestCsrs {

    private TestCsrs() {
    }

    public static String pem(KeyPair pair, String subject) throws Exception {
        return pem(pair.getPublic(), pair.getPrivate(), subject);
    }

    /** A request for {@code publicKey} signed with {@code signingKey}, which may not match. */
    public static String pem(PublicKey publicKey, PrivateKey signingKey, String subject) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), publicKey)
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        }
        return out.toString();
    }
}
