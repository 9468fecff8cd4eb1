package dev.sfexporter.collect;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A cold start calls Salesforce for every org at once: no org's calls wait behind a thread or a
 * connection limit. Proven without timing: Salesforce here answers no token request until every org
 * has asked for one, and no /limits call until every org has made one. An exporter that calls for
 * some orgs at a time never gets an answer, and its orgs are down.
 */
class ConcurrentRefreshTest {
  /** Well above the threads and connections a blocking design would afford each. */
  private static final int ORGS = 150;

  @StartStop final MockWebServer salesforce = new MockWebServer();

  @Test
  void aColdScrapeHasEveryOrgsTokenRequestAndLimitsCallInFlightAtOnce() throws Exception {
    CountDownLatch tokens = new CountDownLatch(ORGS);
    CountDownLatch limits = new CountDownLatch(ORGS);
    ConcurrentHashMap<String, Boolean> clients = new ConcurrentHashMap<>();
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            boolean token = request.getUrl().encodedPath().endsWith("/token");
            if (token) {
              clients.put(request.getBody().utf8(), true);
            }
            CountDownLatch all = token ? tokens : limits;
            all.countDown();
            if (!all.await(4, TimeUnit.SECONDS)) {
              return Samples.json(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
            }
            return OrgFixtures.tokenOrLimits(salesforce, request);
          }
        });
    OrgConfig[] orgs = new OrgConfig[ORGS];
    for (int i = 0; i < ORGS; i++) {
      orgs[i] = clientCredentials("org-" + i, salesforce);
    }

    try (RunningExporter exporter = RunningExporter.start(config(orgs), new MutableClock())) {
      Metrics metrics = exporter.scrape();

      assertEquals(ORGS, clients.size(), "one token request per org");
      for (int i = 0; i < ORGS; i++) {
        assertEquals(1.0, metrics.require("salesforce_up", "org", "org-" + i), "org-" + i);
      }
      assertEquals(0, tokens.getCount());
      assertEquals(0, limits.getCount());
      assertTrue(
          metrics.find("salesforce_limit_max", "limit", "DailyApiRequests").size() == ORGS,
          "every org's limits are served");
    }
  }
}
