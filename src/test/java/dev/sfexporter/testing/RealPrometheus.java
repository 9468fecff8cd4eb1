package dev.sfexporter.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real Prometheus server (Debian's package) on loopback, stopped on close. */
public final class RealPrometheus implements AutoCloseable {
  private final Process process;
  private final URI base;
  private final Path log;

  private RealPrometheus(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts Prometheus scraping {@code target} every second with the given rule files. */
  public static RealPrometheus start(Path workDir, String target, List<Path> ruleFiles)
      throws Exception {
    return startWith(
        workDir,
        "scrape_configs:\n  - job_name: salesforce\n    static_configs:\n      - targets: [\""
            + target
            + "\"]\n",
        ruleFiles);
  }

  /**
   * Starts Prometheus with these {@code scrape_configs} (YAML, top level), scraping every second.
   */
  public static RealPrometheus startWith(Path workDir, String scrapeConfigs, List<Path> ruleFiles)
      throws Exception {
    String prometheus = ExternalTool.require("prometheus", "prometheus").toString();
    StringBuilder config =
        new StringBuilder(
            """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
        """);
    for (Path rules : ruleFiles) {
      config.append("  - ").append(rules.toAbsolutePath()).append('\n');
    }
    config.append(scrapeConfigs);
    Path configFile = Files.writeString(workDir.resolve("prometheus.yml"), config.toString());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = workDir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                prometheus,
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RealPrometheus server =
        new RealPrometheus(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      server.await(
          Duration.ofSeconds(30),
          () -> server.get("/-/ready").statusCode() == 200,
          "Prometheus ready");
    } catch (AssertionError | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return TestHttp.get(base.resolve(pathAndQuery));
  }

  /** The result vector of an instant query; fails on a query error. */
  public JsonArray query(String promql) {
    HttpResponse<String> response =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    if (!"success".equals(body.get("status").getAsString())) {
      throw new AssertionError("query failed: " + promql + "\n" + response.body());
    }
    return body.getAsJsonObject("data").getAsJsonArray("result");
  }

  public JsonArray alerts() {
    return JsonParser.parseString(get("/api/v1/alerts").body())
        .getAsJsonObject()
        .getAsJsonObject("data")
        .getAsJsonArray("alerts");
  }

  /** The rule groups with each rule's health and last error ({@code /api/v1/rules}). */
  public JsonArray ruleGroups() {
    return JsonParser.parseString(get("/api/v1/rules").body())
        .getAsJsonObject()
        .getAsJsonObject("data")
        .getAsJsonArray("groups");
  }

  public void await(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // Not up yet, or no data yet.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what + "; Prometheus log:\n" + logText());
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
