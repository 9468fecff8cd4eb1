package dev.sfexporter.salesforce;

import static dev.sfexporter.testing.TestOrgs.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.OutboundConfig;
import dev.sfexporter.config.PemCertificates;
import dev.sfexporter.config.Secret;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import dev.sfexporter.testing.TlsFixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reaching Salesforce through a proxy, and over TLS signed by a CA the JVM does not know. */
class OutboundTest {
  @StartStop final MockWebServer proxy = new MockWebServer();
  @TempDir Path dir;

  private static ExporterConfig config(OutboundConfig outbound, OrgConfig org) {
    return new ExporterConfig(
        ":0", "64.0", HOUR, Duration.ofSeconds(5), HOUR, outbound, List.of(org));
  }

  private static OrgConfig org(String name, URI url) {
    return new OrgConfig(
        name,
        url,
        "64.0",
        HOUR,
        Duration.ofSeconds(3),
        new AuthConfig.ClientCredentials("cid", new Secret("cs"), false));
  }

  @Test
  void anExtraCaIsTrustedInAdditionToTheJvmsAndNothingElseIs() throws Exception {
    try (MockWebServer salesforce = new MockWebServer()) {
      salesforce.useHttps(TlsFixtures.serverContext().getSocketFactory());
      salesforce.start();
      URI url = URI.create("https://127.0.0.1:" + salesforce.getPort());
      salesforce.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return request.getUrl().encodedPath().endsWith("/token")
                  ? Samples.token("00Dtls", url.toString())
                  : Samples.limits();
            }
          });
      try (RunningExporter untrusted =
          RunningExporter.start(
              config(OutboundConfig.DIRECT, org("tls", url)), new MutableClock())) {
        assertEquals(0, untrusted.scrape().require("salesforce_up", "org", "tls"));
        assertTrue(
            untrusted.get("/").body().contains("PKIX"),
            "the landing page says the certificate is not trusted");
      }
      assertEquals(0, salesforce.getRequestCount(), "no request got past the TLS handshake");

      OutboundConfig withCa =
          new OutboundConfig(null, PemCertificates.parse(Samples.resource("/tls/ca.pem")));
      try (RunningExporter trusted =
          RunningExporter.start(config(withCa, org("tls", url)), new MutableClock())) {
        assertEquals(1, trusted.scrape().require("salesforce_up", "org", "tls"));
      }
    }
  }

  @Test
  void requestsGoThroughAnAuthenticatingProxy() throws Exception {
    // Nothing listens on port 1: only the proxy can answer.
    URI unreachable = URI.create("http://127.0.0.1:1");
    proxy.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getHeaders().get("Proxy-Authorization") == null) {
              return new MockResponse.Builder()
                  .code(407)
                  .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                  .build();
            }
            return request.getTarget().endsWith("/services/oauth2/token")
                ? Samples.token("00Dproxied", unreachable.toString())
                : Samples.limits();
          }
        });
    OutboundConfig viaProxy =
        new OutboundConfig(
            new OutboundConfig.Proxy(
                null,
                TestOrgs.base(proxy),
                "svc-monitor",
                new Secret("proxy-pass"),
                List.of(".corp.internal")),
            List.of());
    try (RunningExporter exporter =
        RunningExporter.start(config(viaProxy, org("proxied", unreachable)), new MutableClock())) {
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "proxied"));
    }
    RecordedRequest challenged = proxy.takeRequest();
    assertEquals(
        "http://127.0.0.1:1/services/oauth2/token",
        challenged.getTarget(),
        "absolute-form request");
    RecordedRequest token = proxy.takeRequest();
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString("svc-monitor:proxy-pass".getBytes(StandardCharsets.UTF_8)),
        token.getHeaders().get("Proxy-Authorization"));
    RecordedRequest limits = proxy.takeRequest();
    assertTrue(
        limits.getTarget().startsWith("http://127.0.0.1:1/services/data/v64.0/limits"),
        limits.getTarget());
  }

  @Test
  void noProxyHostsAreReachedDirectly() throws Exception {
    OutboundConfig viaProxy =
        new OutboundConfig(
            new OutboundConfig.Proxy(null, TestOrgs.base(proxy), null, null, List.of("127.0.0.1")),
            List.of());
    try (RunningExporter exporter =
        RunningExporter.start(
            config(viaProxy, org("direct", URI.create("http://127.0.0.1:1"))),
            new MutableClock())) {
      assertEquals(0, exporter.scrape().require("salesforce_up", "org", "direct"));
      assertTrue(exporter.get("/").body().contains("Connection refused"));
    }
    assertEquals(0, proxy.getRequestCount());
  }

  @Test
  void theStandardProxyVariablesApplyUnlessTheFileSetsAProxy() throws Exception {
    String orgs =
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n"
            + "    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n";
    Map<String, String> env =
        Map.of(
            "HTTPS_PROXY",
            "http://user:p%40ss@proxy.corp:3128",
            "no_proxy",
            "localhost, .corp.internal");
    OutboundConfig.Proxy fromEnv = new ConfigLoader(env::get).parse(orgs, dir).outbound().proxy();
    assertEquals(URI.create("http://proxy.corp:3128"), fromEnv.httpsProxy());
    assertNull(fromEnv.httpProxy());
    assertEquals("user", fromEnv.username());
    assertEquals("p@ss", fromEnv.password().reveal());
    assertEquals(List.of("localhost", ".corp.internal"), fromEnv.noProxy());

    OutboundConfig.Proxy fromFile =
        new ConfigLoader(env::get)
            .parse(
                "http_client:\n  proxy_url: http://other:8080\n  proxy_username: svc\n  proxy_password: pw\n"
                    + "  no_proxy: internal.example\n"
                    + orgs,
                dir)
            .outbound()
            .proxy();
    assertEquals(URI.create("http://other:8080"), fromFile.httpsProxy());
    assertEquals("svc", fromFile.username());
    assertEquals(List.of("internal.example"), fromFile.noProxy());

    assertNull(new ConfigLoader(Map.<String, String>of()::get).parse(orgs, dir).outbound().proxy());
  }
}
