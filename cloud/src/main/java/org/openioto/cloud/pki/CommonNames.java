package org.openioto.cloud.pki;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;

/** Reads the subject common name (CN) of a certificate: the device id of a device certificate. */
public final class CommonNames {

    private CommonNames() {
    }

    /** Returns the first CN of the certificate's subject, or empty if it has none. */
    public static Optional<String> of(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        // the raw string, not the RFC 4514 form with its escapes: ids are compared byte for byte
        return Optional.of(value instanceof ASN1String text ? text.getString() : value.toString());
    }
}
