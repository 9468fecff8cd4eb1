package dev.sfexporter.collect;

import static dev.sfexporter.testing.TestOrgs.config;
import static dev.sfexporter.testing.TestOrgs.givenToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scrapes a real exporter port whose orgs are MockWebServers. */
class ScrapeOverHttpTest {
  @StartStop final MockWebServer orgA = new MockWebServer();
  @StartStop final MockWebServer orgB = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  @Test
  void twoOrgsEachGetTheirOwnSeries() throws Exception {
    orgA.enqueue(Samples.limits());
    orgB.enqueue(
        Samples.json(
            200,
            "{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":-42,\"Workbench\":{\"Max\":100,\"Remaining\":99}}}"));
    try (RunningExporter exporter =
        RunningExporter.start(config(givenToken("prod", orgA), givenToken("uat", orgB)), clock)) {
      Metrics metrics = exporter.scrape();

      assertEquals(
          350000,
          metrics.require("salesforce_limit_max", "org", "prod", "limit", "DailyApiRequests"));
      assertEquals(
          312457,
          metrics.require(
              "salesforce_limit_remaining", "org", "prod", "limit", "DailyApiRequests"));
      assertEquals(
          934,
          metrics.require(
              "salesforce_limit_app_remaining",
              "org",
              "prod",
              "limit",
              "PermissionSets",
              "app",
              "CreateCustom"));
      assertEquals(
          0,
          metrics.require(
              "salesforce_limit_app_max",
              "org",
              "prod",
              "limit",
              "DailyApiRequests",
              "app",
              "Salesforce Mobile Dashboards"));
      assertEquals(
          -42,
          metrics.require("salesforce_limit_remaining", "org", "uat", "limit", "DailyApiRequests"));
      assertEquals(
          99,
          metrics.require(
              "salesforce_limit_app_remaining",
              "org",
              "uat",
              "limit",
              "DailyApiRequests",
              "app",
              "Workbench"));
      assertEquals(1, metrics.find("salesforce_limit_max", "org", "uat").size());
      assertEquals(1, metrics.require("salesforce_up", "org", "prod"));
      assertEquals(1, metrics.require("salesforce_up", "org", "uat"));
      assertEquals(
          clock.instant().getEpochSecond(),
          metrics.require("salesforce_last_refresh_timestamp_seconds", "org", "prod"));
      assertTrue(metrics.require("salesforce_refresh_duration_seconds", "org", "prod") > 0);
      assertEquals(
          1,
          metrics.require(
              "salesforce_exporter_api_requests_total", "org", "prod", "endpoint", "limits"));
      assertEquals(
          0,
          metrics.require(
              "salesforce_exporter_api_request_failures_total",
              "org",
              "prod",
              "endpoint",
              "limits"));
      assertEquals(1, metrics.require("salesforce_exporter_build_info", "version", "test"));
      assertFalse(metrics.find("jvm_memory_used_bytes").isEmpty(), "JVM metrics are served too");

      RecordedRequest request = orgA.takeRequest();
      assertEquals("/services/data/v64.0/limits", request.getUrl().encodedPath());
      assertEquals("Bearer given-token-prod", request.getHeaders().get("Authorization"));
    }
  }

  static Stream<Arguments> brokenAnswers() {
    return Stream.of(
        Arguments.of(
            "503 with Salesforce's error",
            Samples.json(
                503,
                "[{\"message\":\"Server is unavailable.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")),
        Arguments.of(
            "403 request limit exceeded",
            Samples.json(
                403,
                "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")),
        Arguments.of(
            "HTML maintenance page",
            new MockResponse.Builder()
                .code(500)
                .setHeader("Content-Type", "text/html")
                .body("<html><title>Maintenance</title></html>")
                .build()),
        Arguments.of(
            "200 with garbage", new MockResponse.Builder().code(200).body("garbage!").build()),
        Arguments.of(
            "200 with truncated JSON", Samples.json(200, Samples.limitsBody().substring(0, 300))),
        Arguments.of(
            "200 with an HTML login page",
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Login</body></html>")
                .build()),
        Arguments.of(
            "body larger than the cap",
            Samples.json(200, "{\"x\":\"" + "a".repeat(1_100_000) + "\"}")),
        Arguments.of(
            "chunked body larger than the cap, no length announced",
            new MockResponse.Builder()
                .code(200)
                .chunkedBody("{\"x\":\"" + "a".repeat(1_100_000) + "\"}", 64 * 1024)
                .build()),
        Arguments.of(
            "no answer in time",
            Samples.limits().newBuilder().headersDelay(4, TimeUnit.SECONDS).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenAnswers")
  void aBrokenOrgIsDownAndTheOtherIsServed(String what, MockResponse broken) throws Exception {
    orgA.enqueue(Samples.limits());
    orgB.enqueue(broken);
    try (RunningExporter exporter =
        RunningExporter.start(
            config(givenToken("good", orgA), givenToken("broken", orgB)), clock)) {
      long start = System.nanoTime();
      HttpResponse<String> response =
          exporter.get("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "2");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertEquals(200, response.statusCode());
      assertTrue(
          took.compareTo(Duration.ofMillis(1900)) < 0, "answered within the deadline: " + took);
      Metrics metrics = Metrics.parse(response.body());
      assertEquals(1, metrics.require("salesforce_up", "org", "good"));
      assertEquals(
          350000,
          metrics.require("salesforce_limit_max", "org", "good", "limit", "DailyApiRequests"));
      assertEquals(0, metrics.require("salesforce_up", "org", "broken"));
      assertTrue(metrics.find("salesforce_limit_max", "org", "broken").isEmpty());
      assertTrue(metrics.find("salesforce_limit_app_max", "org", "broken").isEmpty());
      assertEquals(
          1,
          metrics.require(
                  "salesforce_exporter_api_requests_total", "org", "broken", "endpoint", "limits")
              + (what.equals("no answer in time") ? 1 : 0),
          "the late call is not finished yet");
      if (!what.equals("no answer in time")) {
        assertEquals(
            1,
            metrics.require(
                "salesforce_exporter_api_request_failures_total",
                "org",
                "broken",
                "endpoint",
                "limits"));
      }
    }
  }

  @Test
  void aRefusedConnectionIsDownNotAnError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    orgA.enqueue(Samples.limits());
    var refused =
        new dev.sfexporter.config.OrgConfig(
            "refused",
            URI.create("http://127.0.0.1:" + closedPort),
            "64.0",
            Duration.ofHours(1),
            Duration.ofSeconds(2),
            new dev.sfexporter.config.AuthConfig.AccessToken(
                new dev.sfexporter.config.Secret("t"),
                URI.create("http://127.0.0.1:" + closedPort)));
    try (RunningExporter exporter =
        RunningExporter.start(config(givenToken("good", orgA), refused), clock)) {
      Metrics metrics = exporter.scrape();
      assertEquals(0, metrics.require("salesforce_up", "org", "refused"));
      assertEquals(1, metrics.require("salesforce_up", "org", "good"));
      assertEquals(
          1,
          metrics.require(
              "salesforce_exporter_api_request_failures_total",
              "org",
              "refused",
              "endpoint",
              "limits"));
      assertTrue(
          exporter.get("/").body().contains("Connection refused"), "the landing page says why");
    }
  }

  @Test
  void aFailedRefreshIsRetriedAfterItsBackOffAndRecovers() throws Exception {
    orgA.enqueue(
        Samples.json(503, "[{\"message\":\"down\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"));
    orgA.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(config(givenToken("flaky", orgA)), clock)) {
      assertEquals(0, exporter.scrape().require("salesforce_up", "org", "flaky"));
      clock.advance(Duration.ofSeconds(29));
      assertEquals(0, exporter.scrape().require("salesforce_up", "org", "flaky"));
      assertEquals(1, orgA.getRequestCount(), "inside the 30 s back-off: no call");
      clock.advance(Duration.ofSeconds(1));
      Metrics second = exporter.scrape();
      assertEquals(1, second.require("salesforce_up", "org", "flaky"));
      assertEquals(
          2,
          second.require(
              "salesforce_exporter_api_requests_total", "org", "flaky", "endpoint", "limits"));
      assertEquals(
          1,
          second.require(
              "salesforce_exporter_api_request_failures_total",
              "org",
              "flaky",
              "endpoint",
              "limits"));
    }
  }

  @Test
  void scrapesInsideTheRefreshIntervalAreServedFromCache() throws Exception {
    orgA.enqueue(Samples.limits());
    orgA.enqueue(Samples.json(200, "{\"DailyApiRequests\":{\"Max\":350000,\"Remaining\":1000}}"));
    var org = givenToken("cached", orgA);
    org =
        new dev.sfexporter.config.OrgConfig(
            org.name(),
            org.loginUrl(),
            org.apiVersion(),
            Duration.ofSeconds(60),
            org.timeout(),
            org.auth());
    try (RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      exporter.scrape();
      clock.advance(Duration.ofSeconds(59));
      Metrics cached = exporter.scrape();
      assertEquals(1, orgA.getRequestCount());
      assertEquals(
          312457,
          cached.require(
              "salesforce_limit_remaining", "org", "cached", "limit", "DailyApiRequests"));

      clock.advance(Duration.ofSeconds(2));
      Metrics refreshed = exporter.scrape();
      assertEquals(2, orgA.getRequestCount());
      assertEquals(
          1000,
          refreshed.require(
              "salesforce_limit_remaining", "org", "cached", "limit", "DailyApiRequests"));
      assertEquals(
          clock.instant().getEpochSecond(),
          refreshed.require("salesforce_last_refresh_timestamp_seconds", "org", "cached"));
    }
  }

  @Test
  void aNameFilterWithoutSalesforceFamiliesCallsNobody() throws Exception {
    orgA.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(config(givenToken("quiet", orgA)), clock)) {
      Metrics jvm = exporter.scrape("/metrics?name[]=jvm_memory_used_bytes");
      assertFalse(jvm.find("jvm_memory_used_bytes").isEmpty());
      assertFalse(jvm.text().contains("salesforce_"));

      Metrics counters = exporter.scrape("/metrics?name[]=salesforce_exporter_api_requests_total");
      assertEquals(
          0,
          counters.require(
              "salesforce_exporter_api_requests_total", "org", "quiet", "endpoint", "limits"));
      assertEquals(0, orgA.getRequestCount(), "neither scrape called Salesforce");

      Metrics up = exporter.scrape("/metrics?name[]=salesforce_up");
      assertEquals(1, up.require("salesforce_up", "org", "quiet"));
      assertTrue(up.find("salesforce_limit_max").isEmpty());
      assertEquals(1, orgA.getRequestCount());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"1e300", "NaN", "-1", "Infinity", "0", "ten", "99999999999999999999"})
  void hostileScrapeTimeoutHeadersStillGetAnAnswer(String header) throws Exception {
    orgA.enqueue(Samples.limits());
    try (RunningExporter exporter = RunningExporter.start(config(givenToken("h", orgA)), clock)) {
      Metrics metrics = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", header);
      assertEquals(1, metrics.require("salesforce_up", "org", "h"), header);
    }
  }

  @Test
  void openMetricsAndProtobufByContentNegotiation() throws Exception {
    orgA.enqueue(Samples.limits());
    try (RunningExporter exporter = RunningExporter.start(config(givenToken("om", orgA)), clock)) {
      HttpResponse<String> om =
          exporter.get(
              "/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertTrue(
          om.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/openmetrics-text"));
      assertTrue(om.body().endsWith("# EOF\n"));
      assertTrue(
          om.body()
              .contains("salesforce_limit_max{limit=\"DailyApiRequests\",org=\"om\"} 350000.0"));
      assertTrue(om.body().contains("# UNIT salesforce_refresh_duration_seconds seconds"));

      HttpResponse<String> text = exporter.get("/metrics", "Accept", "text/plain");
      assertTrue(
          text.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/plain; version=0.0.4"));

      HttpResponse<String> protobuf =
          exporter.get(
              "/metrics",
              "Accept",
              "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
      assertTrue(protobuf.headers().firstValue("Content-Type").orElse("").contains("protobuf"));
      assertTrue(protobuf.body().contains("salesforce_limit_max"));
      assertEquals(1, orgA.getRequestCount(), "the later scrapes were served from cache");
    }
  }
}
