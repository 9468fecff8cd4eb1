package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP clients that talk to Salesforce: pooled connections with the configured CAs and
 * proxy, no automatic retries or redirects (each call is counted and a redirect means a wrong URL),
 * no cookies.
 */
final class SalesforceClients {
  private SalesforceClients() {}

  static PoolingHttpClientConnectionManager pool(
      int maxConnections, Duration connectTimeout, OutboundConfig outbound) {
    PoolingHttpClientConnectionManagerBuilder poolBuilder =
        PoolingHttpClientConnectionManagerBuilder.create();
    if (!outbound.extraCaCertificates().isEmpty()) {
      try {
        poolBuilder.setTlsSocketStrategy(
            new DefaultClientTlsStrategy(
                TrustWithExtraCas.context(outbound.extraCaCertificates())));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(
            "cannot set up TLS with the configured CAs: " + e.getMessage(), e);
      }
    }
    return poolBuilder
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(
            ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setTimeToLive(Timeout.ofMinutes(5))
                .build())
        .build();
  }

  static CloseableHttpClient client(
      PoolingHttpClientConnectionManager pool, String userAgent, OutboundConfig outbound) {
    HttpClientBuilder builder =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            // Compression is asked for where it pays (event log downloads), and decoded there, so
            // that the bytes on the wire can be counted against max_log_bytes.
            .disableContentCompression()
            .setUserAgent(userAgent);
    OutboundConfig.Proxy proxy = outbound.proxy();
    if (proxy != null) {
      builder.setRoutePlanner(new ProxyRoutePlanner(proxy));
      if (proxy.username() != null && proxy.password() != null) {
        CredentialsProviderBuilder credentials = CredentialsProviderBuilder.create();
        for (URI via : new URI[] {proxy.httpsProxy(), proxy.httpProxy()}) {
          if (via != null) {
            credentials.add(
                new AuthScope(via.getHost(), via.getPort()),
                proxy.username(),
                proxy.password().reveal().toCharArray());
          }
        }
        builder.setDefaultCredentialsProvider(credentials.build());
      }
    }
    return builder.build();
  }
}
