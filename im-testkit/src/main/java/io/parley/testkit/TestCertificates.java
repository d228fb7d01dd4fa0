package io.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for TLS tests, made by the {@code openssl} command as an operator would make them: an
 * EC P-256 key in PKCS#8 PEM and a certificate for {@code localhost} and {@code 127.0.0.1}, valid for two days.
 */
public final class TestCertificates {
    /** A certificate file and its key file. */
    public record Pair(Path certFile, Path keyFile) {
    }

    private TestCertificates() {
    }

    /** An SSL context that trusts the certificates in {@code certFile} alone. */
    public static SSLContext trusting(Path certFile) {
        try (InputStream in = Files.newInputStream(certFile)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("cert-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + certFile, e);
        }
    }

    /** Writes {@code name}.crt and {@code name}.key into {@code dir}. */
    public static Pair localhost(Path dir, String name) throws IOException, InterruptedException {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()))
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IOException("openssl could not make a certificate: " + output);
        }
        if (!Files.readString(key).contains("BEGIN PRIVATE KEY")) {
            throw new IOException("openssl wrote a key that is not PKCS#8: " + key);
        }
        return new Pair(cert, key);
    }
}
