package dev.sfexporter;

import static dev.sfexporter.testing.TestOrgs.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /-/reload against a real file: good files apply, bad ones are refused and change nothing.
 */
class ReloadTest {
  @TempDir Path dir;
  @StartStop final MockWebServer prod = new MockWebServer();
  @StartStop final MockWebServer uat = new MockWebServer();

  private static Dispatcher salesforce(MockWebServer server) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return path.endsWith("/token")
            ? Samples.token("00Dtoken", base(server).toString())
            : path.equals("/services/data/") ? Samples.versions() : Samples.limits();
      }
    };
  }

  private String org(String name, MockWebServer server, String refresh) {
    return "  - name: "
        + name
        + "\n    login_url: "
        + base(server)
        + "\n    refresh_interval: "
        + refresh
        + "\n    sources: {licenses: {enabled: false}, entitlements: {enabled: false},"
        + " record_counts: {enabled: false}, org: {enabled: false}, api_usage: {enabled: false}}"
        + "\n    auth: {type: client_credentials, client_id: cid, client_secret: \"${SECRET}\"}\n";
  }

  private HttpResponse<String> reload(RunningExporter exporter) {
    return exporter.send(
        HttpRequest.newBuilder(exporter.uri("/-/reload"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Test
  void goodFilesApplyBadFilesAreRefusedAndRemovedOrgsDisappear() throws Exception {
    prod.setDispatcher(salesforce(prod));
    uat.setDispatcher(salesforce(uat));
    Path file = Files.writeString(dir.resolve("exporter.yml"), "orgs:\n" + org("prod", prod, "1h"));
    ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret")::get);
    try (RunningExporter exporter =
        RunningExporter.start(
            loader.load(file),
            new MutableClock(),
            WebConfig.PLAIN.withLifecycle(true),
            e -> new ConfigReloader(file, loader, e))) {
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "prod"));
      assertEquals(3, prod.getRequestCount(), "token, API versions and limits");

      Files.writeString(file, "orgs:\n" + org("prod", prod, "1h") + org("uat", uat, "1h"));
      HttpResponse<String> added = reload(exporter);
      assertEquals(200, added.statusCode(), added.body());
      assertEquals("configuration reloaded: 2 org(s)\n", added.body());
      Metrics both = exporter.scrape();
      assertEquals(1, both.require("salesforce_up", "org", "uat"));
      assertEquals(1, both.require("salesforce_up", "org", "prod"));
      assertEquals(3, prod.getRequestCount(), "an unchanged org keeps its token and its cache");

      Files.writeString(
          file, "orgs:\n" + org("prod", prod, "1h") + "  - name: broken\n    auth: {type: jwt}\n");
      HttpResponse<String> refused = reload(exporter);
      assertEquals(400, refused.statusCode());
      assertTrue(refused.body().contains("orgs[1].login_url: is required"), refused.body());
      assertTrue(
          refused.body().contains("orgs[1].auth.type: unknown value \"jwt\""), refused.body());
      assertTrue(refused.body().contains("previous configuration kept"), refused.body());
      Metrics unchanged = exporter.scrape();
      assertEquals(
          1,
          unchanged.require("salesforce_up", "org", "uat"),
          "the old configuration still serves");

      Files.writeString(file, "orgs:\n" + org("uat", uat, "1h"));
      assertEquals(200, reload(exporter).statusCode());
      Metrics removed = exporter.scrape();
      assertTrue(removed.find("salesforce_up", "org", "prod").isEmpty());
      assertTrue(removed.find("salesforce_limit_max", "org", "prod").isEmpty());
      assertTrue(removed.find("salesforce_exporter_api_requests_total", "org", "prod").isEmpty());
      assertFalse(exporter.get("/").body().contains(">prod<"));

      Files.writeString(file, "orgs:\n" + org("uat", uat, "2h"));
      assertEquals(200, reload(exporter).statusCode());
      exporter.scrape();
      assertEquals(
          3,
          uat.getRequestCount(),
          "a new refresh_interval keeps the org's token and cached answer: no calls");

      assertEquals(405, exporter.get("/-/reload").statusCode(), "reload takes POST only");
    }
  }

  @Test
  void settingsOnlyChangesKeepLastKnownValuesAndBackOff() throws Exception {
    java.util.concurrent.atomic.AtomicReference<MockResponse> limits =
        new java.util.concurrent.atomic.AtomicReference<>(Samples.limits());
    prod.setDispatcher(dev.sfexporter.testing.OrgFixtures.org(prod, limits));
    MutableClock clock = new MutableClock();
    Path file = Files.writeString(dir.resolve("exporter.yml"), "orgs:\n" + org("prod", prod, "5m"));
    ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret")::get);
    try (RunningExporter exporter =
        RunningExporter.start(
            loader.load(file),
            clock,
            WebConfig.PLAIN.withLifecycle(true),
            e -> new ConfigReloader(file, loader, e))) {
      exporter.scrape();
      limits.set(Samples.json(503, "[{\"message\":\"down\",\"errorCode\":\"X\"}]"));
      clock.advance(java.time.Duration.ofMinutes(5));
      exporter.scrape();
      int before = prod.getRequestCount();

      Files.writeString(
          file,
          "orgs:\n"
              + org("prod", prod, "10m")
                  .replace(
                      "    auth:",
                      "    timeout: 7s\n    max_staleness: 2h\n    api_version: auto\n    auth:"));
      assertEquals(200, reload(exporter).statusCode());
      Metrics after = exporter.scrape();
      assertEquals(before, prod.getRequestCount(), "no new token, and the back-off still holds");
      assertEquals(0, after.require("salesforce_up", "org", "prod"));
      assertEquals(
          350000,
          after.require("salesforce_limit_max", "org", "prod", "limit", "DailyApiRequests"),
          "the last known values survive the reload");
      assertEquals(
          1,
          after.require("salesforce_refresh_failures_total", "org", "prod", "reason", "http_5xx"));
    }
  }

  @Test
  void aRemovedOrgNeverReappearsEvenWhenItsRefreshWasInFlight() throws Exception {
    prod.setDispatcher(salesforce(prod));
    uat.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse answer = salesforce(uat).dispatch(request);
            return request.getUrl().encodedPath().endsWith("/limits")
                ? answer
                    .newBuilder()
                    .headersDelay(1500, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .build()
                : answer;
          }
        });
    Path file =
        Files.writeString(
            dir.resolve("exporter.yml"),
            "orgs:\n" + org("prod", prod, "1h") + org("uat", uat, "1h"));
    ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret")::get);
    try (RunningExporter exporter =
        RunningExporter.start(
            loader.load(file),
            new MutableClock(),
            WebConfig.PLAIN.withLifecycle(true),
            e -> new ConfigReloader(file, loader, e))) {
      Metrics late = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "1");
      assertEquals(0, late.require("salesforce_up", "org", "uat"), "uat's refresh is still going");

      Files.writeString(file, "orgs:\n" + org("prod", prod, "1h"));
      assertEquals(200, reload(exporter).statusCode());
      Thread.sleep(2000); // the in-flight refresh finishes and records its calls
      Metrics after = exporter.scrape();
      assertTrue(after.find("salesforce_up", "org", "uat").isEmpty());
      assertTrue(
          after.find("salesforce_exporter_api_requests_total", "org", "uat").isEmpty(),
          after.text());
      assertTrue(after.find("salesforce_refresh_failures_total", "org", "uat").isEmpty());
    }
  }
}
