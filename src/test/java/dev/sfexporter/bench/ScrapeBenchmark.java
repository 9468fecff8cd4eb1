package dev.sfexporter.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sfexporter.testing.Dockerfile;
import dev.sfexporter.testing.Exposition;
import dev.sfexporter.testing.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fleet benchmark (bench/run ORGS [SUSTAINED_SECONDS] [LATENCY_MS] [http|https]): the packaged
 * exporter, started exactly as the container image's ENTRYPOINT starts it, watching ORGS orgs
 * (client credentials, pinned API version, the limits source only) of a fake Salesforce that
 * answers after LATENCY_MS. Prints the cold scrape, warm scrapes in text and gzip and in
 * OpenMetrics (as Prometheus 3 asks), threads, RSS idle and after a sustained load (a full gzip
 * scrape and ten per-org scrapes every second), and /limits calls per org per hour. The exporter's
 * threads, RSS and CPU are its own process's, read from /proc; so is the CPU the fake used
 * meanwhile (it shares the cores), which is warmed before the exporter starts, as Salesforce's
 * servers are.
 */
public final class ScrapeBenchmark {
  private static final int WARM_SCRAPES = 100;

  private ScrapeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int orgs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int sustainedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 200;
    boolean https = args.length > 3 && args[3].equals("https");
    Path dir = Files.createTempDirectory("fleet-bench");
    try (FakeSalesforce salesforce =
        new FakeSalesforce(latencyMs, Samples.limitsBody(), https ? BenchTls.server() : null)) {
      salesforce.warm(orgs);
      String javaOptions = https ? BenchTls.exporterJavaOptions(dir) : "";
      try (ExporterProcess exporter =
          ExporterProcess.start(dir, config(orgs, salesforce.url()), javaOptions)) {
        run(salesforce, exporter, orgs, sustainedSeconds, latencyMs, https);
      }
    }
  }

  private static void run(
      FakeSalesforce salesforce,
      ExporterProcess exporter,
      int orgs,
      int sustainedSeconds,
      long latencyMs,
      boolean https)
      throws Exception {
    Scraper scraper = new Scraper(exporter.port());
    scraper.waitUntilReady();
    Thread.sleep(2000);
    long rssIdle = exporter.rssKib();
    int threadsIdle = exporter.threads();

    // BENCH_PROFILER=.../libasyncProfiler.so: a CPU flame graph of the cold scrape, per thread
    // (the profiler's own cost is then inside the timed scrape).
    String profiler = System.getenv("BENCH_PROFILER");
    if (profiler != null) {
      exporter.loadAgent(profiler, "start,event=cpu,interval=500us,threads");
    }
    long cpuBefore = exporter.cpuMillis();
    ThreadCpu exporterBefore = ThreadCpu.of(exporter.pid());
    ThreadCpu benchJvmBefore = ThreadCpu.of(ProcessHandle.current().pid());
    long benchJvmCpuBefore = benchJvmCpuMillis();
    long start = System.nanoTime();
    // -Dcold=/metrics?name[]=salesforce_up: the same refreshes, without writing the whole answer.
    byte[] coldBytes;
    double headersMs;
    try (InputStream cold = scraper.open(System.getProperty("cold", "/metrics"), Scraper.TEXT)) {
      headersMs = (System.nanoTime() - start) / 1e6;
      coldBytes = cold.readAllBytes();
    }
    double coldMs = (System.nanoTime() - start) / 1e6;
    long coldCpuMs = exporter.cpuMillis() - cpuBefore;
    ThreadCpu exporterAfter = ThreadCpu.of(exporter.pid());
    ThreadCpu benchJvmAfter = ThreadCpu.of(ProcessHandle.current().pid());
    long benchJvmCpuMs = benchJvmCpuMillis() - benchJvmCpuBefore;
    if (profiler != null) {
      Path flameGraph = Path.of("target/cold-scrape.html").toAbsolutePath();
      exporter.loadAgent(profiler, "stop,file=" + flameGraph);
      System.out.println("cold scrape flame graph      " + flameGraph);
    }
    String coldBody = new String(coldBytes, UTF_8);
    long up =
        coldBody.lines().filter(l -> l.startsWith("salesforce_up{") && l.endsWith(" 1.0")).count();
    long series = coldBody.lines().filter(l -> !l.startsWith("#")).count();
    String tokenArrivals = arrivals(salesforce.tokenArrivals(), start);
    String limitsArrivals = arrivals(salesforce.limitsArrivals(), start);

    double[] text = scraper.time("/metrics", Scraper.TEXT, false, WARM_SCRAPES);
    double[] gzip = scraper.time("/metrics", Scraper.TEXT, true, WARM_SCRAPES);
    double[] openMetrics = scraper.time("/metrics", Exposition.OPEN_METRICS, false, WARM_SCRAPES);
    double[] openMetricsGzip =
        scraper.time("/metrics", Exposition.OPEN_METRICS, true, WARM_SCRAPES);
    int gzipBytes = scraper.bytes("/metrics", Scraper.TEXT, true).length;
    int threadsWarm = exporter.threads();
    long rssWarm = exporter.rssKib();

    long callsBefore = salesforce.limitsCalls();
    long sustainedStart = System.nanoTime();
    int maxThreads = threadsWarm;
    long maxRss = rssWarm;
    long nextReport = sustainedStart + 600_000_000_000L;
    while (System.nanoTime() - sustainedStart < sustainedSeconds * 1_000_000_000L) {
      long tick = System.nanoTime();
      scraper.bytes("/metrics", Scraper.TEXT, true);
      for (int i = 0; i < 10; i++) {
        scraper.bytes(
            "/metrics?org=org-" + ThreadLocalRandom.current().nextInt(orgs), Scraper.TEXT, true);
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
    System.out.printf(
        "orgs, Salesforce latency     %d, %d ms, %s%n", orgs, latencyMs, https ? "HTTPS" : "HTTP");
    System.out.printf(
        "series per full scrape       %d (%.1f MB text, %.1f MB gzip)%n",
        series, coldBytes.length / 1e6, gzipBytes / 1e6);
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
        benchJvmCpuMs, benchJvmAfter.since(benchJvmBefore));
    System.out.printf("warm scrape text p50 / p99   %.1f / %.1f ms%n", p(text, 0.5), p(text, 0.99));
    System.out.printf("warm scrape gzip p50 / p99   %.1f / %.1f ms%n", p(gzip, 0.5), p(gzip, 0.99));
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

  /** CPU this JVM (the fake Salesforce and the scraper) used so far, in ms. */
  private static long benchJvmCpuMillis() throws IOException {
    return ThreadCpu.cpuMillis(Files.readString(Path.of("/proc/self/stat")));
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
