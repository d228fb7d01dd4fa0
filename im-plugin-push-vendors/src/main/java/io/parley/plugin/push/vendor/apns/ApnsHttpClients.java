package io.parley.plugin.push.vendor.apns;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes HTTP/2 clients for APNs (TLS, ALPN {@code h2}): trusting the JDK's certificate authorities, plus one
 * configured certificate when given.
 */
final class ApnsHttpClients {
    private final Optional<SSLContext> ssl;
    private final Duration connectTimeout;

    ApnsHttpClients(Optional<String> trustedCertificatePem, Duration connectTimeout) {
        this.ssl = trustedCertificatePem.map(ApnsHttpClients::trusting);
        this.connectTimeout = connectTimeout;
    }

    /** A new client, so a new connection: what APNs wants after it refused a provider token. */
    HttpClient newClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(connectTimeout);
        ssl.ifPresent(builder::sslContext);
        return builder.build();
    }

    private static SSLContext trusting(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (javax.net.ssl.TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("ca-" + n++, issuer);
                    }
                }
            }
            Certificate extra = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            store.setCertificateEntry("configured", extra);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("push.apns.trusted-certificate-file is not a PEM certificate", e);
        }
    }
}
