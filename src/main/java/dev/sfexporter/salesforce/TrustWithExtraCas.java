package dev.sfexporter.salesforce;

import dev.sfexporter.config.PemCertificates;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JVM's trusted CAs plus the configured ones (e.g. a TLS-inspecting proxy's CA): a server
 * certificate is accepted if either set vouches for it. Verification is never switched off.
 */
final class TrustWithExtraCas implements X509TrustManager {
  private final X509TrustManager jvm;
  private final X509TrustManager extra;

  private TrustWithExtraCas(X509TrustManager jvm, X509TrustManager extra) {
    this.jvm = jvm;
    this.extra = extra;
  }

  static SSLContext context(List<X509Certificate> extraCas) throws GeneralSecurityException {
    X509TrustManager jvm = trustManager(null);
    X509TrustManager extra = trustManager(PemCertificates.trustStore(extraCas));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustWithExtraCas(jvm, extra)}, null);
    return context;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      jvm.checkServerTrusted(chain, authType);
    } catch (CertificateException notByTheJvm) {
      extra.checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client certificates are not judged here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> all = new ArrayList<>(List.of(jvm.getAcceptedIssuers()));
    all.addAll(List.of(extra.getAcceptedIssuers()));
    return all.toArray(new X509Certificate[0]);
  }
}
