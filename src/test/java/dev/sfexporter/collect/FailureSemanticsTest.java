package dev.sfexporter.collect;

import static dev.sfexporter.testing.OrgFixtures.FIVE_MINUTES;
import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.count;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static dev.sfexporter.testing.OrgFixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * What a failing org looks like and costs: last known values, back-off, failure reasons. Every
 * timing runs on a MutableClock; Salesforce is a MockWebServer that counts what it is asked.
 */
class FailureSemanticsTest {
  static final String TOO_MANY =
      "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
  static final String UNAVAILABLE =
      "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";

  @StartStop final MockWebServer salesforce = new MockWebServer();
  @StartStop final MockWebServer healthy = new MockWebServer();
  @StartStop final MockWebServer refusing = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  static double failures(Metrics metrics, String org, String reason) {
    return metrics.require("salesforce_refresh_failures_total", "org", org, "reason", reason);
  }

  @Test
  void lastKnownValuesAreServedThroughFailuresUntilMaxStaleness() throws Exception {
    AtomicReference<MockResponse> limits = new AtomicReference<>(Samples.limits());
    salesforce.setDispatcher(org(salesforce, limits));
    Instant start = clock.instant();
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      Metrics first = exporter.scrape();
      assertEquals(1, first.require("salesforce_up", "org", "prod"));
      for (String reason :
          List.of(
              "auth",
              "session",
              "request_limit_exceeded",
              "http_4xx",
              "http_5xx",
              "timeout",
              "network",
              "invalid_response")) {
        assertEquals(0, failures(first, "prod", reason), "every reason starts at 0: " + reason);
      }

      limits.set(Samples.json(503, UNAVAILABLE));
      clock.advance(FIVE_MINUTES);
      Metrics failing = exporter.scrape();
      assertEquals(0, failing.require("salesforce_up", "org", "prod"));
      assertEquals(
          312457,
          failing.require("salesforce_limit_remaining", "org", "prod", "limit", "DailyApiRequests"),
          "the last good value stays");
      assertEquals(
          934,
          failing.require(
              "salesforce_limit_app_remaining",
              "org",
              "prod",
              "limit",
              "PermissionSets",
              "app",
              "CreateCustom"));
      assertEquals(
          start.getEpochSecond(),
          failing.require("salesforce_last_refresh_timestamp_seconds", "org", "prod"),
          "the age of the values is the age of the last good answer");
      assertEquals(1, failures(failing, "prod", "http_5xx"));

      // max_staleness (1h) counts from when the next refresh was due (5 minutes after the good
      // answer): just inside it the values are still there...
      clock.advance(Duration.ofMinutes(60));
      assertFalse(exporter.scrape().find("salesforce_limit_max", "org", "prod").isEmpty());
      // ...and just past it they are gone, while up and the timestamp say why.
      clock.advance(Duration.ofSeconds(1));
      Metrics stale = exporter.scrape();
      assertTrue(stale.find("salesforce_limit_max", "org", "prod").isEmpty());
      assertTrue(stale.find("salesforce_limit_app_remaining", "org", "prod").isEmpty());
      assertEquals(0, stale.require("salesforce_up", "org", "prod"));
      assertEquals(
          start.getEpochSecond(),
          stale.require("salesforce_last_refresh_timestamp_seconds", "org", "prod"));
    }
  }

  @Test
  void requestLimitExceededWaitsAFullIntervalAndKeepsTheValues() throws Exception {
    AtomicReference<MockResponse> limits = new AtomicReference<>(Samples.limits());
    salesforce.setDispatcher(org(salesforce, limits));
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      exporter.scrape();
      limits.set(Samples.json(403, TOO_MANY));
      clock.advance(FIVE_MINUTES);
      Metrics refused = exporter.scrape();
      assertEquals(1, failures(refused, "prod", "request_limit_exceeded"));
      assertEquals(
          350000,
          refused.require("salesforce_limit_max", "org", "prod", "limit", "DailyApiRequests"));
      drain(salesforce);

      for (int i = 0; i < 19; i++) {
        clock.advance(Duration.ofSeconds(15));
        exporter.scrape();
      }
      assertEquals(0, drain(salesforce).size(), "no call for 4m45s after REQUEST_LIMIT_EXCEEDED");
      clock.advance(Duration.ofSeconds(15));
      exporter.scrape();
      List<RecordedRequest> after = drain(salesforce);
      assertEquals(1, count(after, "/limits"), "one call after a full interval");
      assertTrue(
          exporter.get("/").body().contains("<strong>request_limit_exceeded</strong>"),
          "the landing page says why");
    }
  }

  @Test
  void aSessionRefusedRightAfterANewTokenBacksOffInsteadOfAskingAgain() throws Exception {
    salesforce.setDispatcher(org(salesforce, new AtomicReference<>(Samples.invalidSession())));
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      Metrics metrics = exporter.scrape();
      assertEquals(0, metrics.require("salesforce_up", "org", "prod"));
      assertEquals(1, failures(metrics, "prod", "session"));
      assertEquals(0, failures(metrics, "prod", "auth"));
      List<RecordedRequest> first = drain(salesforce);
      assertEquals(1, count(first, "/token"), "one token, not one per retry");
      assertEquals(1, count(first, "/limits"), "no retry with yet another token");

      clock.advance(Duration.ofSeconds(29));
      exporter.scrape();
      assertEquals(0, drain(salesforce).size(), "inside the back-off nothing is called");
      clock.advance(Duration.ofSeconds(1));
      exporter.scrape();
      List<RecordedRequest> second = drain(salesforce);
      assertEquals(1, count(second, "/token"), "the refused session was dropped");
      assertEquals(1, count(second, "/limits"));
    }
  }

  @Test
  void aLateRefreshServesLastKnownValuesAsDown() throws Exception {
    AtomicReference<MockResponse> limits = new AtomicReference<>(Samples.limits());
    salesforce.setDispatcher(org(salesforce, limits));
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      exporter.scrape();
      limits.set(
          Samples.limits()
              .newBuilder()
              .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
              .build());
      clock.advance(FIVE_MINUTES);
      Metrics late = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "1");
      assertEquals(0, late.require("salesforce_up", "org", "prod"));
      assertEquals(
          350000, late.require("salesforce_limit_max", "org", "prod", "limit", "DailyApiRequests"));
    }
  }

  /**
   * Two Prometheus servers scraping every 15 s for two simulated hours: a healthy org, one whose
   * /limits answers 503 throughout, and one whose sessions are refused right after each token.
   */
  @Test
  void failingOrgsCostNoMoreThanAHealthyOneOnceTheQuickRetriesAreSpent() throws Exception {
    healthy.setDispatcher(org(healthy, new AtomicReference<>(Samples.limits())));
    salesforce.setDispatcher(
        org(salesforce, new AtomicReference<>(Samples.json(503, UNAVAILABLE))));
    refusing.setDispatcher(org(refusing, new AtomicReference<>(Samples.invalidSession())));
    try (RunningExporter exporter =
        RunningExporter.start(
            config(
                clientCredentials("healthy", healthy),
                clientCredentials("unavailable", salesforce),
                clientCredentials("refusing", refusing)),
            clock)) {
      long[][] perHour = new long[2][];
      for (int hour = 0; hour < 2; hour++) {
        for (int step = 0; step < 240; step++) {
          // Two Prometheus servers scraping at the same moment.
          java.util.concurrent.CompletableFuture<Metrics> other =
              java.util.concurrent.CompletableFuture.supplyAsync(exporter::scrape);
          exporter.scrape();
          other.join();
          clock.advance(Duration.ofSeconds(15));
        }
        List<RecordedRequest> h = drain(healthy);
        List<RecordedRequest> u = drain(salesforce);
        List<RecordedRequest> r = drain(refusing);
        perHour[hour] =
            new long[] {
              count(h, "/limits"), count(u, "/limits"), count(r, "/limits"), count(r, "/token")
            };
      }
      long[] first = perHour[0];
      long[] second = perHour[1];
      assertEquals(12, first[0], "healthy: one /limits call per 5 minutes");
      // The first hour of an outage has three quick retries (30 s, 1 m, 2 m) before the
      // back-off reaches the interval; 480 scrapes made at most 15 calls, not 480.
      assertTrue(first[1] <= first[0] + 3, "503 org, first hour: " + first[1]);
      assertTrue(first[2] <= first[0] + 3, "session-refusing org, first hour: " + first[2]);
      assertTrue(first[3] <= first[2], "one token per attempt at most: " + first[3]);
      // From then on a failing org costs exactly what a healthy one does.
      assertTrue(second[1] <= second[0], "503 org, second hour: " + second[1]);
      assertTrue(second[2] <= second[0], "session-refusing org, second hour: " + second[2]);
    }
  }
}
