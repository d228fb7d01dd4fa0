package io.parley.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to a server whose ports speak it ({@code tls.cert-file} on the server): the server's certificate is checked
 * against the JVM's trusted authorities, or against the certificates of a PEM file (a private CA, or a self-signed
 * certificate), and its name against the host the client connects to.
 *
 * @param trustedCertificates a PEM file of the certificates to trust instead of the JVM's authorities; empty for the
 *     JVM's
 */
public record ClientTls(Optional<Path> trustedCertificates) {
    public ClientTls {
        java.util.Objects.requireNonNull(trustedCertificates, "trustedCertificates is null");
    }

    /** TLS, trusting the JVM's certificate authorities. */
    public static ClientTls systemTrust() {
        return new ClientTls(Optional.empty());
    }

    /** TLS, trusting the certificates in {@code pemFile} alone. */
    public static ClientTls trusting(Path pemFile) {
        return new ClientTls(Optional.of(pemFile));
    }
}
