package dev.sfexporter.bench;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Rerunnable benchmark (bench/run): N orgs served by a local fake Salesforce answering the
 * realistic /limits sample. Measures a cold scrape (every org refreshed in parallel), scrapes
 * served from cache, the size of the answer, and the heap in use after a GC.
 */
public final class ScrapeBenchmark {
  private ScrapeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int orgCount = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    String body = Samples.limitsBody();
    try (MockWebServer salesforce = new MockWebServer()) {
      salesforce.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return Samples.json(200, body);
            }
          });
      salesforce.start();
      List<OrgConfig> orgs = new ArrayList<>();
      for (int i = 0; i < orgCount; i++) {
        orgs.add(
            new OrgConfig(
                "org-" + i,
                TestOrgs.base(salesforce),
                "64.0",
                Duration.ofHours(1),
                Duration.ofSeconds(10),
                new AuthConfig.AccessToken(new Secret("t" + i), TestOrgs.base(salesforce))));
      }
      ExporterConfig config =
          new ExporterConfig(":0", "64.0", Duration.ofHours(1), Duration.ofSeconds(30), orgs);
      try (RunningExporter exporter = RunningExporter.start(config, Clock.systemUTC())) {
        long start = System.nanoTime();
        HttpResponse<String> cold = exporter.get("/metrics");
        double coldMs = (System.nanoTime() - start) / 1e6;
        if (cold.statusCode() != 200 || salesforce.getRequestCount() != orgCount) {
          throw new IllegalStateException("cold scrape failed: " + cold.statusCode());
        }
        for (int i = 0; i < 50; i++) {
          exporter.get("/metrics"); // warm-up
        }
        double[] cached = new double[scrapes];
        for (int i = 0; i < scrapes; i++) {
          long t = System.nanoTime();
          HttpResponse<String> response = exporter.get("/metrics");
          cached[i] = (System.nanoTime() - t) / 1e6;
          if (response.statusCode() != 200) {
            throw new IllegalStateException("scrape failed");
          }
        }
        Arrays.sort(cached);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long heap = memory.getHeapMemoryUsage().getUsed();
        long series = cold.body().lines().filter(l -> l.startsWith("salesforce_limit")).count();
        System.out.printf("orgs                         %d%n", orgCount);
        System.out.printf("limit series per scrape      %d%n", series);
        System.out.printf("answer size                  %.0f KiB%n", cold.body().length() / 1024.0);
        System.out.printf("cold scrape (all refreshed)  %.1f ms%n", coldMs);
        System.out.printf(
            "cached scrape p50 / p99      %.2f / %.2f ms (%d scrapes)%n",
            cached[scrapes / 2], cached[(int) (scrapes * 0.99)], scrapes);
        System.out.printf(
            "/limits calls made           %d (one per org: the rest came from cache)%n",
            salesforce.getRequestCount());
        System.out.printf(
            "heap used after GC           %.1f MiB (benchmark harness included)%n",
            heap / 1048576.0);
      }
    }
  }
}
