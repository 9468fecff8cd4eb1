package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP clients that talk to Salesforce (non-blocking for API calls, blocking for event
 * log downloads): pooled connections with the configured CAs and proxy, no automatic retries or
 * redirects (each call is counted and a redirect means a wrong URL), no cookies.
 */
final class SalesforceClients {
  private SalesforceClients() {}

  static PoolingHttpClientConnectionManager pool(
      int maxConnections, Duration connectTimeout, OutboundConfig outbound) {
    PoolingHttpClientConnectionManagerBuilder poolBuilder =
        PoolingHttpClientConnectionManagerBuilder.create();
    if (!outbound.extraCaCertificates().isEmpty()) {
      poolBuilder.setTlsSocketStrategy(withExtraCas(outbound));
    }
    return poolBuilder
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(connectionConfig(connectTimeout))
        .build();
  }

  /**
   * The non-blocking client of API calls: a thousand orgs' calls can wait for Salesforce at once on
   * two I/O threads, none queued behind a thread. HTTP/1.1 only, as the blocking client, so that a
   * connection is one call.
   */
  static PoolingAsyncClientConnectionManager asyncPool(
      int maxConnections, Duration connectTimeout, OutboundConfig outbound) {
    PoolingAsyncClientConnectionManagerBuilder poolBuilder =
        PoolingAsyncClientConnectionManagerBuilder.create()
            .setDefaultTlsConfig(
                TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build());
    if (!outbound.extraCaCertificates().isEmpty()) {
      poolBuilder.setTlsStrategy(withExtraCas(outbound));
    }
    return poolBuilder
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(connectionConfig(connectTimeout))
        .build();
  }

  /** Started; {@code pool} as {@link #asyncPool} built it. */
  static CloseableHttpAsyncClient asyncClient(
      PoolingAsyncClientConnectionManager pool, String userAgent, OutboundConfig outbound) {
    HttpAsyncClientBuilder builder =
        HttpAsyncClients.custom()
            .setConnectionManager(pool)
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(IO_THREADS).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            // An org refreshed every 5 minutes would otherwise keep a TLS connection (and its
            // buffers) open in between: at 1,000 orgs that is memory the exporter cannot spare.
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .setUserAgent(userAgent);
    OutboundConfig.Proxy proxy = outbound.proxy();
    if (proxy != null) {
      builder.setRoutePlanner(new ProxyRoutePlanner(proxy));
      CredentialsProvider credentials = proxyCredentials(proxy);
      if (credentials != null) {
        builder.setDefaultCredentialsProvider(credentials);
      }
    }
    CloseableHttpAsyncClient client = builder.build();
    client.start();
    return client;
  }

  /** TLS that trusts the JVM's CAs and the configured ones. */
  private static DefaultClientTlsStrategy withExtraCas(OutboundConfig outbound) {
    try {
      return new DefaultClientTlsStrategy(
          TrustWithExtraCas.context(outbound.extraCaCertificates()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot set up TLS with the configured CAs: " + e.getMessage(), e);
    }
  }

  /** I/O threads of the API client: enough for thousands of waiting calls. */
  static final int IO_THREADS = 2;

  private static ConnectionConfig connectionConfig(Duration connectTimeout) {
    return ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setTimeToLive(Timeout.ofMinutes(5))
        .build();
  }

  private static CredentialsProvider proxyCredentials(OutboundConfig.Proxy proxy) {
    if (proxy.username() == null || proxy.password() == null) {
      return null;
    }
    CredentialsProviderBuilder credentials = CredentialsProviderBuilder.create();
    for (URI via : new URI[] {proxy.httpsProxy(), proxy.httpProxy()}) {
      if (via != null) {
        credentials.add(
            new AuthScope(via.getHost(), via.getPort()),
            proxy.username(),
            proxy.password().reveal().toCharArray());
      }
    }
    return credentials.build();
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
      CredentialsProvider credentials = proxyCredentials(proxy);
      if (credentials != null) {
        builder.setDefaultCredentialsProvider(credentials);
      }
    }
    return builder.build();
  }
}
