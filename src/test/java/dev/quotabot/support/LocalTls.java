package dev.quotabot.support;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.quotabot.quota.net.UpstreamClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Tests only: the self-signed certificate in {@code tls/localhost.p12} (names {@code localhost} and
 * {@code 127.0.0.1}, password {@code password}), for a local TLS server, and a client context that
 * trusts exactly that certificate, with the normal checks (chain, dates, host name) left on.
 */
public final class LocalTls {
  private static final String PASSWORD = "password";
  private static final String RESOURCE = "/tls/localhost.p12";

  private LocalTls() {}

  /** WireMock options that also serve https, on a random port, with the local certificate. */
  public static WireMockConfiguration wireMockHttps() {
    return WireMockConfiguration.options()
        .dynamicPort()
        .dynamicHttpsPort()
        .keystorePath(keystorePath())
        .keystoreType("PKCS12")
        .keystorePassword(PASSWORD)
        .keyManagerPassword(PASSWORD);
  }

  /** The keystore as a file, for WireMock's {@code keystorePath}. */
  private static String keystorePath() {
    try {
      return Path.of(LocalTls.class.getResource(RESOURCE).toURI()).toString();
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A client context whose only trusted certificate is the local one. */
  public static SSLContext trustingLocalCertificate() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {localTrust()}, null);
      return context;
    } catch (GeneralSecurityException broken) {
      throw new IllegalStateException(broken);
    }
  }

  /** A trust manager whose only trusted certificate is the local one. */
  public static X509TrustManager localTrust() {
    try {
      KeyStore keys = keyStore();
      Certificate certificate = keys.getCertificate(keys.aliases().nextElement());
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("local", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      return (X509TrustManager) trust.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException broken) {
      throw new IllegalStateException(broken);
    }
  }

  /** The production client settings, trusting only the local certificate. */
  public static UpstreamClients.Builder trustingLocal(UpstreamClients.Builder clients) {
    return clients.trust(trustingLocalCertificate().getSocketFactory(), localTrust());
  }

  /** A server context presenting the local certificate. */
  public static SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException broken) {
      throw new IllegalStateException(broken);
    }
  }

  private static KeyStore keyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = LocalTls.class.getResourceAsStream(RESOURCE)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }
}
