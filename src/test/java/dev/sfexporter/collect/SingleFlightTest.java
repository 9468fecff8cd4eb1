package dev.sfexporter.collect;

import static dev.sfexporter.testing.TestOrgs.clientCredentials;
import static dev.sfexporter.testing.TestOrgs.config;
import static dev.sfexporter.testing.TestOrgs.givenToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private static final int SCRAPES = 40; // --web.max-requests allows 40 at once by default
  @StartStop final MockWebServer orgA = new MockWebServer();
  @StartStop final MockWebServer orgB = new MockWebServer();

  @Test
  void concurrentScrapesShareOneRefreshPerOrg() throws Exception {
    // Each org answers slowly, so all scrapes arrive while the first refresh is under way.
    Dispatcher slowLimits =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return Samples.limits().newBuilder().headersDelay(400, TimeUnit.MILLISECONDS).build();
          }
        };
    orgA.setDispatcher(slowLimits);
    // Org b signs in first (slowly too): concurrent scrapes must share one token request as well.
    orgB.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getUrl().encodedPath().equals("/services/oauth2/token")) {
              return Samples.token("00Dshared", TestOrgs.base(orgB).toString())
                  .newBuilder()
                  .headersDelay(300, TimeUnit.MILLISECONDS)
                  .build();
            }
            return slowLimits.dispatch(request);
          }
        });
    try (RunningExporter exporter =
        RunningExporter.start(
            config(givenToken("a", orgA), clientCredentials("b", orgB, "secret")),
            new MutableClock())) {
      ExecutorService scrapers = Executors.newFixedThreadPool(SCRAPES);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Metrics>> results = new ArrayList<>();
      for (int i = 0; i < SCRAPES; i++) {
        results.add(
            scrapers.submit(
                () -> {
                  go.await();
                  return exporter.scrape();
                }));
      }
      go.countDown();
      for (Future<Metrics> result : results) {
        Metrics metrics = result.get(30, TimeUnit.SECONDS);
        assertEquals(1, metrics.require("salesforce_up", "org", "a"));
        assertEquals(1, metrics.require("salesforce_up", "org", "b"));
        assertEquals(
            350000,
            metrics.require("salesforce_limit_max", "org", "b", "limit", "DailyApiRequests"));
      }
      scrapers.shutdownNow();

      assertEquals(1, orgA.getRequestCount(), "one /limits call for org a");
      assertEquals(2, orgB.getRequestCount(), "one token request and one /limits call for org b");
      Metrics counted = exporter.scrape();
      assertEquals(
          1,
          counted.require(
              "salesforce_exporter_api_requests_total", "org", "a", "endpoint", "limits"));
      assertEquals(
          1,
          counted.require(
              "salesforce_exporter_api_requests_total", "org", "b", "endpoint", "token"));
    }
  }
}
