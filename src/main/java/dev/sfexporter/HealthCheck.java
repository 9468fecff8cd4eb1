package dev.sfexporter;

import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The container's HEALTHCHECK: exit 0 when the exporter on this host answers {@code /-/healthy}. It
 * needs nothing in the image but Java, and works whatever the web config says:
 *
 * <ul>
 *   <li>TLS: when http gets no answer, the same address is tried with https. On loopback the
 *       certificate is not checked: the probe only asks whether the local process answers, and
 *       sends nothing secret.
 *   <li>Client certificates required: the exporter lets loopback connections without one reach
 *       {@code /-/healthy} (and nothing else), so the probe needs no certificate.
 *   <li>Basic auth: a 401 counts as alive (the probe has no password).
 * </ul>
 */
public final class HealthCheck {
  static final String DEFAULT_URL = "http://127.0.0.1:9917/-/healthy";

  private HealthCheck() {}

  public static void main(String[] args) {
    String url =
        args.length > 0
            ? args[0]
            : System.getenv().getOrDefault("SALESFORCE_EXPORTER_HEALTHCHECK_URL", DEFAULT_URL);
    int status = probe(url);
    System.out.println(url + ": " + (status > 0 ? "HTTP " + status : "no answer"));
    System.exit(status == 200 || status == 401 ? 0 : 1);
  }

  /** The status from {@code url}, or from its https twin when http got no answer; -1 for none. */
  static int probe(String url) {
    int status = check(url);
    if (status < 0 && url.startsWith("http://")) {
      status = check("https://" + url.substring("http://".length()));
    }
    return status;
  }

  /** The HTTP status, or -1 when nothing answered. */
  static int check(String url) {
    try {
      URI uri = URI.create(url);
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      if (connection instanceof HttpsURLConnection https) {
        if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
          throw new IllegalArgumentException("https health checks are for loopback only");
        }
        SSLContext anyCertificate = SSLContext.getInstance("TLS");
        anyCertificate.init(null, new TrustManager[] {new AnyServer()}, null);
        https.setSSLSocketFactory(anyCertificate.getSocketFactory());
        https.setHostnameVerifier((host, session) -> true);
      }
      connection.setConnectTimeout(3000);
      connection.setReadTimeout(3000);
      return connection.getResponseCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Loopback probe only: see the class comment. */
  private static final class AnyServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
