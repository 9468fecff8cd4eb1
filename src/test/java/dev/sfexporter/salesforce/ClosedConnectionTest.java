package dev.sfexporter.salesforce;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Servers close idle keep-alive connections when they like. A call that finds its pooled connection
 * closed before anything was sent goes again on a new one, instead of failing the org's refresh.
 */
class ClosedConnectionTest {
  private static final int ORGS = 40;

  @StartStop final MockWebServer salesforce = new MockWebServer();

  @Test
  void aCallWhosePooledConnectionWasClosedGoesOnANewOne() throws Exception {
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse answer = OrgFixtures.tokenOrLimits(salesforce, request);
            // Closed right after the token answer, which the /limits call then wants to reuse.
            return answer
                .newBuilder()
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
          }
        });
    OrgConfig[] orgs = new OrgConfig[ORGS];
    for (int i = 0; i < ORGS; i++) {
      orgs[i] = clientCredentials("org-" + i, salesforce);
    }

    try (RunningExporter exporter = RunningExporter.start(config(orgs), new MutableClock())) {
      Metrics metrics = exporter.scrape();

      for (int i = 0; i < ORGS; i++) {
        assertEquals(1.0, metrics.require("salesforce_up", "org", "org-" + i), "org-" + i);
      }
      // Each org made one token request and one /limits call that reached Salesforce, and counts
      // just those.
      assertEquals(2 * ORGS, salesforce.getRequestCount());
      for (int i = 0; i < ORGS; i++) {
        String org = "org-" + i;
        assertEquals(
            1.0,
            metrics.require(
                "salesforce_exporter_api_requests_total", "org", org, "endpoint", "limits"));
        assertEquals(
            1.0,
            metrics.require(
                "salesforce_exporter_api_requests_total", "org", org, "endpoint", "token"));
      }
    }
  }

  @Test
  void aCallWhoseConnectionClosesAfterItWasSentIsNotSentAgain() throws Exception {
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse answer = OrgFixtures.tokenOrLimits(salesforce, request);
            if (request.getUrl().encodedPath().endsWith("/token")) {
              return answer;
            }
            // Salesforce got the call (it may have counted it) and the connection broke.
            return answer
                .newBuilder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
          }
        });

    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), new MutableClock())) {
      Metrics metrics = exporter.scrape();

      assertEquals(0.0, metrics.require("salesforce_up", "org", "prod"));
      assertEquals(
          1.0,
          metrics.require("salesforce_refresh_failures_total", "org", "prod", "reason", "network"));
      assertEquals(2, salesforce.getRequestCount(), "one token request, one /limits call");
      assertEquals(
          1.0,
          metrics.require(
              "salesforce_exporter_api_request_failures_total",
              "org",
              "prod",
              "endpoint",
              "limits"));
    }
  }
}
