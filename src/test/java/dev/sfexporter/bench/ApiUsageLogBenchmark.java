package dev.sfexporter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sfexporter.config.ApiUsageOptions;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Rerunnable benchmark (bench/api-usage): a fake Salesforce on loopback streams a generated
 * ApiTotalUsage log of N rows (1,000,000 by default; gzip unless "plain" is given), and the real
 * exporter reads it through its api_usage source. Run with a small heap (-Xmx64m) to show that
 * memory does not grow with the file. Prints rows, bytes on the wire, processing time and the
 * process's peak RSS.
 */
public final class ApiUsageLogBenchmark {
  private static final String LOG = "/services/data/v64.0/sobjects/EventLogFile/0ATBENCH/LogFile";

  private ApiUsageLogBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    boolean gzip = !(args.length > 1 && args[1].equals("plain"));
    AtomicLong wire = new AtomicLong();
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    String base = "http://127.0.0.1:" + fake.getAddress().getPort();
    fake.createContext(
        "/",
        exchange -> {
          try (exchange) {
            answer(exchange, base, rows, gzip, wire);
          }
        });
    fake.start();
    OrgConfig org =
        new OrgConfig(
            "bench",
            URI.create(base),
            "64.0",
            Duration.ofHours(1),
            Duration.ofSeconds(10),
            Duration.ofHours(1),
            new AuthConfig.ClientCredentials("cid", new Secret("cs"), false),
            Map.of(
                Sources.LIMITS,
                new SourceConfig(false, Duration.ofHours(1), List.of()),
                Sources.LICENSES,
                new SourceConfig(false, Duration.ofHours(1), List.of()),
                Sources.ENTITLEMENTS,
                new SourceConfig(false, Duration.ofHours(1), List.of()),
                Sources.RECORD_COUNTS,
                new SourceConfig(false, Duration.ofHours(1), List.of()),
                Sources.ORG,
                new SourceConfig(false, Duration.ofHours(1), List.of()),
                Sources.API_USAGE,
                new SourceConfig(
                    true,
                    Duration.ofHours(6),
                    List.of(),
                    new ApiUsageOptions("Daily", 50, false, 8L << 30, Duration.ofMinutes(30)))));
    try (RunningExporter exporter =
        RunningExporter.start(OrgFixtures.config(org), Clock.systemUTC())) {
      long start = System.nanoTime();
      long giveUp = start + Duration.ofMinutes(30).toNanos();
      Metrics metrics;
      do {
        metrics = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "5");
        if (System.nanoTime() > giveUp) {
          throw new IllegalStateException("the log was not read within 30 minutes");
        }
      } while (metrics.value("salesforce_source_up", "source", "api_usage").orElse(0) < 1
          && metrics.find("salesforce_source_last_success_timestamp_seconds").isEmpty());
      double seconds = (System.nanoTime() - start) / 1e9;
      double counted =
          metrics.find("salesforce_api_usage_requests").stream()
              .mapToDouble(Metrics.Sample::value)
              .sum();
      if (counted != rows) {
        throw new IllegalStateException("counted " + counted + " calls of " + rows + " rows");
      }
      System.out.printf(
          "rows %d (counted %.0f), %s, %.1f MiB on the wire, processed in %.1f s (%.0f rows/s),"
              + " max heap %d MiB, peak RSS %d MiB%n",
          rows,
          counted,
          gzip ? "gzip" : "plain",
          wire.get() / 1048576.0,
          seconds,
          rows / seconds,
          Runtime.getRuntime().maxMemory() >> 20,
          peakRssKib() >> 10);
    } finally {
      fake.stop(0);
    }
  }

  private static void answer(
      HttpExchange exchange, String base, long rows, boolean gzip, AtomicLong wire)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    exchange.getRequestBody().readAllBytes();
    if (path.endsWith("/token")) {
      json(exchange, "{\"access_token\":\"00Dbench!token\",\"instance_url\":\"" + base + "\"}");
    } else if (path.endsWith("/query")) {
      json(
          exchange,
          "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"0ATBENCH\",\"LogDate\":"
              + "\"2026-11-20T00:00:00.000+0000\",\"Interval\":\"Daily\",\"LogFile\":\""
              + LOG
              + "\"}]}");
    } else if (path.equals(LOG)) {
      exchange.getResponseHeaders().set("Content-Type", "text/csv");
      if (gzip) {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      exchange.sendResponseHeaders(200, 0);
      OutputStream counting = new CountingStream(exchange.getResponseBody(), wire);
      OutputStream body = gzip ? new GZIPOutputStream(counting, 65536) : counting;
      Writer csv = new OutputStreamWriter(body, StandardCharsets.UTF_8);
      csv.write(
          "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"API_FAMILY\",\"API_RESOURCE\","
              + "\"CLIENT_NAME\",\"COUNTS_AGAINST_API_LIMIT\",\"CONNECTED_APP_NAME\","
              + "\"USER_NAME\"\r\n");
      for (long i = 0; i < rows; i++) {
        int client = (int) (i % 97);
        csv.write(
            "\"ApiTotalUsage\",\"20261120081502.114\",\"r"
                + i
                + "\",\""
                + (i % 3 == 0 ? "SOAP" : "REST")
                + "\",\"/v64.0/sobjects/Order\",\"\",\""
                + (i % 10 != 0)
                + "\",\"Integration "
                + client
                + "\",\"user"
                + (i % 500)
                + "@example.com\"\r\n");
      }
      csv.flush();
      if (body instanceof GZIPOutputStream zip) {
        zip.finish();
      }
      counting.close();
    } else {
      exchange.sendResponseHeaders(404, -1);
    }
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** VmHWM: the most resident memory the process has had. */
  private static long peakRssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  /** Counts the bytes that go on the wire. */
  private static final class CountingStream extends java.io.FilterOutputStream {
    private final AtomicLong count;

    CountingStream(OutputStream out, AtomicLong count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count.addAndGet(len);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }
  }
}
