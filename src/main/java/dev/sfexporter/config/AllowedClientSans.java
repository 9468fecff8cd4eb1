package dev.sfexporter.config;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code client_allowed_sans}: after the chain is verified, the client certificate must name one of
 * these (DNS name, e-mail address, IP address or URI), as in the exporter-toolkit.
 */
final class AllowedClientSans extends X509ExtendedTrustManager {
  private static final int EMAIL = 1;
  private static final int DNS = 2;
  private static final int URI = 6;
  private static final int IP = 7;
  private final X509ExtendedTrustManager chains;
  private final List<String> allowed;

  AllowedClientSans(X509ExtendedTrustManager chains, List<String> allowed) {
    this.chains = chains;
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    chains.checkClientTrusted(chain, authType, engine);
    requireAllowedName(chain[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    chains.checkClientTrusted(chain, authType, socket);
    requireAllowedName(chain[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chains.checkClientTrusted(chain, authType);
    requireAllowedName(chain[0]);
  }

  void requireAllowedName(X509Certificate client) throws CertificateException {
    Collection<List<?>> names;
    try {
      names = client.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("client certificate SANs are unreadable", e);
    }
    if (names != null) {
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        String value = String.valueOf(name.get(1));
        for (String wanted : allowed) {
          if (type == IP ? sameAddress(value, wanted) : isTextual(type) && value.equals(wanted)) {
            return;
          }
        }
      }
    }
    throw new CertificateException("client certificate names none of client_allowed_sans");
  }

  private static boolean isTextual(int type) {
    return type == DNS || type == EMAIL || type == URI;
  }

  private static boolean sameAddress(String certificateIp, String wanted) {
    if (!wanted.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return false; // only IP literals: never a DNS lookup while judging a handshake
    }
    try {
      return InetAddress.getByName(certificateIp).equals(InetAddress.getByName(wanted));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager judges client certificates only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager judges client certificates only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager judges client certificates only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chains.getAcceptedIssuers();
  }
}
