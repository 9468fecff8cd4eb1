package dev.sfexporter.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sfexporter.testing.Dockerfile;
import dev.sfexporter.testing.Exposition;
import dev.sfexporter.testing.Samples;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fleet benchmark (bench/run ORGS [SUSTAINED_SECONDS] [LATENCY_MS]): the packaged exporter,
 * started exactly as the container image's ENTRYPOINT starts it, watching ORGS orgs (client
 * credentials, pinned API version, the limits source only) of a fake Salesforce that answers after
 * LATENCY_MS. Prints the cold scrape, warm scrapes in text and gzip and in OpenMetrics (as
 * Prometheus 3 asks), threads, RSS idle and after a sustained load (a full gzip scrape and ten
 * per-org scrapes every second), and /limits calls per org per hour. The exporter's threads, RSS
 * and CPU are its own process's, read from /proc; so is the CPU the fake used meanwhile (it shares
 * the cores), which is warmed before the exporter starts, as Salesforce's servers are.
 */
public final class ScrapeBenchmark {
  private static final String TEXT = "text/plain;version=0.0.4";

  private static final int WARM_SCRAPES = 100;

  private ScrapeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int orgs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int sustainedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 200;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (FakeSalesforce salesforce = new FakeSalesforce(latencyMs, Samples.limitsBody());
        ExporterProcess exporter = ExporterProcess.start(config(orgs, warm(salesforce, orgs)))) {
      Scraper scraper = new Scraper(client, exporter.port());
      scraper.waitUntilReady();
      Thread.sleep(2000);
      long rssIdle = exporter.rssKib();
      int threadsIdle = exporter.threads();

      // BENCH_PROFILER=.../libasyncProfiler.so: a CPU flame graph of the cold scrape, per thread.
      String profiler = System.getenv("BENCH_PROFILER");
      if (profiler != null) {
        exporter.loadAgent(profiler, "start,event=cpu,interval=500us,threads");
      }
      long cpuBefore = exporter.cpuMillis();
      ThreadCpu exporterBefore = ThreadCpu.of(exporter.pid());
      ThreadCpu fakeBefore = ThreadCpu.of(ProcessHandle.current().pid());
      long start = System.nanoTime();
      // -Dcold=/metrics?name[]=salesforce_up measures the refreshes without the first render.
      HttpResponse<InputStream> coldStream =
          scraper.getStream(System.getProperty("cold", "/metrics"), TEXT);
      double headersMs = (System.nanoTime() - start) / 1e6;
      byte[] coldBytes = coldStream.body().readAllBytes();
      double coldMs = (System.nanoTime() - start) / 1e6;
      String coldBody = new String(coldBytes, UTF_8);
      long coldCpuMs = exporter.cpuMillis() - cpuBefore;
      ThreadCpu exporterAfter = ThreadCpu.of(exporter.pid());
      ThreadCpu fakeAfter = ThreadCpu.of(ProcessHandle.current().pid());
      if (profiler != null) {
        Path flameGraph = Path.of("target/cold-scrape.html").toAbsolutePath();
        exporter.loadAgent(profiler, "stop,file=" + flameGraph);
        System.out.println("cold scrape flame graph      " + flameGraph);
      }
      String tokenArrivals = arrivals(salesforce.tokenArrivals(), start);
      String limitsArrivals = arrivals(salesforce.limitsArrivals(), start);
      long up =
          coldBody
              .lines()
              .filter(l -> l.startsWith("salesforce_up{") && l.endsWith(" 1.0"))
              .count();
      long series = coldBody.lines().filter(l -> !l.startsWith("#")).count();

      double[] text = scraper.time("/metrics", TEXT, false, WARM_SCRAPES);
      double[] gzip = scraper.time("/metrics", TEXT, true, WARM_SCRAPES);
      double[] openMetrics = scraper.time("/metrics", Exposition.OPEN_METRICS, false, WARM_SCRAPES);
      double[] openMetricsGzip =
          scraper.time("/metrics", Exposition.OPEN_METRICS, true, WARM_SCRAPES);
      int gzipBytes = scraper.gzipSize("/metrics");
      int threadsWarm = exporter.threads();
      long rssWarm = exporter.rssKib();

      long callsBefore = salesforce.limitsCalls();
      long sustainedStart = System.nanoTime();
      int maxThreads = threadsWarm;
      long maxRss = rssWarm;
      long nextReport = sustainedStart + 600_000_000_000L;
      while (System.nanoTime() - sustainedStart < sustainedSeconds * 1_000_000_000L) {
        long tick = System.nanoTime();
        scraper.get("/metrics", TEXT, true);
        for (int i = 0; i < 10; i++) {
          scraper.get("/metrics?org=org-" + ThreadLocalRandom.current().nextInt(orgs), TEXT, true);
        }
        maxThreads = Math.max(maxThreads, exporter.threads());
        maxRss = Math.max(maxRss, exporter.rssKib());
        if (System.nanoTime() > nextReport) {
          nextReport += 600_000_000_000L;
          System.out.printf(
              "  after %d min: RSS %.0f MiB (max %.0f), %d threads%n",
              (System.nanoTime() - sustainedStart) / 60_000_000_000L,
              exporter.rssKib() / 1024.0,
              maxRss / 1024.0,
              exporter.threads());
        }
        long left = 1000 - (System.nanoTime() - tick) / 1_000_000;
        if (left > 0) {
          Thread.sleep(left);
        }
      }
      double hours = (System.nanoTime() - sustainedStart) / 3.6e12;
      long rssSustained = exporter.rssKib();
      int threadsSustained = exporter.threads();

      System.out.printf("date, machine                %s, %s%n", LocalDate.now(), machine());
      System.out.printf("JVM flags (image ENTRYPOINT) %s%n", String.join(" ", exporter.flags()));
      System.out.printf("orgs, Salesforce latency     %d, %d ms%n", orgs, latencyMs);
      System.out.printf(
          "series per full scrape       %d (%.1f MB text, %.1f MB gzip)%n",
          series, coldBody.length() / 1e6, gzipBytes / 1e6);
      System.out.printf(
          "cold scrape (token+/limits)  %.0f ms (%d ms of CPU), %d of %d orgs up; token calls %d%n",
          coldMs, coldCpuMs, up, orgs, salesforce.tokenCalls());
      System.out.printf(
          "  answer headers after %.0f ms; the fake's last answer after %.0f ms%n",
          headersMs, (salesforce.lastAnswer() - start) / 1e6);
      System.out.printf("  token requests arrived after  %s%n", tokenArrivals);
      System.out.printf("  /limits calls arrived after   %s%n", limitsArrivals);
      System.out.printf("  exporter CPU by thread, ms   %s%n", exporterAfter.since(exporterBefore));
      System.out.printf(
          "  meanwhile the fake and this client used %d ms (%s)%n",
          fakeAfter.total() - fakeBefore.total(), fakeAfter.since(fakeBefore));
      System.out.printf(
          "warm scrape text p50 / p99   %.1f / %.1f ms%n", p(text, 0.5), p(text, 0.99));
      System.out.printf(
          "warm scrape gzip p50 / p99   %.1f / %.1f ms%n", p(gzip, 0.5), p(gzip, 0.99));
      System.out.printf(
          "warm OpenMetrics p50 / p99   %.1f / %.1f ms (gzip %.1f / %.1f ms)%n",
          p(openMetrics, 0.5),
          p(openMetrics, 0.99),
          p(openMetricsGzip, 0.5),
          p(openMetricsGzip, 0.99));
      System.out.printf(
          "threads idle / warm / max / end  %d / %d / %d / %d%n",
          threadsIdle, threadsWarm, maxThreads, threadsSustained);
      System.out.printf(
          "RSS idle / warm / after %ds   %.0f / %.0f / %.0f MiB (max %.0f MiB)%n",
          sustainedSeconds,
          rssIdle / 1024.0,
          rssWarm / 1024.0,
          rssSustained / 1024.0,
          maxRss / 1024.0);
      System.out.printf(
          "/limits calls per org per hour  %.1f (sustained phase, refresh_interval 5m)%n",
          (salesforce.limitsCalls() - callsBefore) / (double) orgs / hours);
    }
  }

  /**
   * Warms the fake before the exporter starts: Salesforce answers from hot servers, so the fake's
   * own first-time costs (its JIT, class loading) must not land on the cores while the exporter's
   * cold scrape is measured. Three rounds of what the cold scrape asks (a token request and a
   * /limits call per org, all at once); the fake's counters are reset afterwards.
   */
  private static String warm(FakeSalesforce salesforce, int orgs) throws Exception {
    HttpClient warmer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int round = 0; round < 3; round++) {
      List<CompletableFuture<?>> calls = new ArrayList<>();
      for (int i = 0; i < orgs; i++) {
        calls.add(
            warmer.sendAsync(
                HttpRequest.newBuilder(URI.create(salesforce.url() + "/services/oauth2/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray()));
        calls.add(
            warmer.sendAsync(
                HttpRequest.newBuilder(URI.create(salesforce.url() + "/services/data/v64.0/limits"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray()));
      }
      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
    }
    salesforce.resetCounts();
    return salesforce.url();
  }

  /** "first 12 / median 150 / last 346 ms" after {@code start}. */
  private static String arrivals(long[] sorted, long start) {
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(
        "first %.0f / median %.0f / last %.0f ms",
        (sorted[0] - start) / 1e6,
        (sorted[sorted.length / 2] - start) / 1e6,
        (sorted[sorted.length - 1] - start) / 1e6);
  }

  private static double p(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
  }

  private static String machine() throws Exception {
    String model = "unknown CPU";
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        model = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + model;
  }

  static String config(int orgs, String url) {
    StringBuilder yaml =
        new StringBuilder(
            "refresh_interval: 5m\ntimeout: 10s\napi_version: \"64.0\"\nsources:\n"
                + "  licenses: {enabled: false}\n  entitlements: {enabled: false}\n"
                + "  record_counts: {enabled: false}\n  org: {enabled: false}\n"
                + "  api_usage: {enabled: false}\norgs:\n");
    for (int i = 0; i < orgs; i++) {
      yaml.append("  - name: org-")
          .append(i)
          .append("\n    login_url: ")
          .append(url)
          .append("\n    auth: {type: client_credentials, client_id: id-")
          .append(i)
          .append(", client_secret: secret-")
          .append(i)
          .append("}\n");
    }
    return yaml.toString();
  }

  /** Scrapes as Prometheus does: with its timeout header, text or gzip. */
  private record Scraper(HttpClient client, int port) {
    HttpResponse<String> get(String path, String accept, boolean gzip) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", accept)
              .header("X-Prometheus-Scrape-Timeout-Seconds", "10");
      if (gzip) {
        request.header("Accept-Encoding", "gzip");
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response;
    }

    HttpResponse<InputStream> getStream(String path, String accept) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", accept)
              .header("X-Prometheus-Scrape-Timeout-Seconds", "10")
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response;
    }

    int gzipSize(String path) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Accept", TEXT)
              .header("Accept-Encoding", "gzip")
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    double[] time(String path, String accept, boolean gzip, int count) throws Exception {
      for (int i = 0; i < 10; i++) {
        get(path, accept, gzip);
      }
      double[] ms = new double[count];
      for (int i = 0; i < count; i++) {
        long t = System.nanoTime();
        // Bytes, not a String: the time is the exporter's, not this client's decoding.
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .header("X-Prometheus-Scrape-Timeout-Seconds", "10");
        if (gzip) {
          request.header("Accept-Encoding", "gzip");
        }
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      return ms;
    }

    void waitUntilReady() throws Exception {
      for (int i = 0; i < 300; i++) {
        try {
          HttpRequest ready =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build();
          if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (java.io.IOException e) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("exporter not ready");
    }
  }

  static List<String> entrypoint() throws Exception {
    List<String> command = new ArrayList<>();
    for (String arg : Dockerfile.read(Path.of("Dockerfile")).only(1, "ENTRYPOINT").execForm()) {
      command.add(
          arg.replace(
              "/opt/salesforce-exporter/salesforce-exporter.jar",
              Path.of("target/salesforce-exporter.jar").toAbsolutePath().toString()));
    }
    return command;
  }
}
