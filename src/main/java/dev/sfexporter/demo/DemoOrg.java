package dev.sfexporter.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Salesforce org on loopback: a client-credentials token endpoint, /limits and every
 * other source's resource. Its sessions expire every 20 minutes, so the demo also shows the
 * exporter renewing its token.
 */
public final class DemoOrg implements AutoCloseable {
  static final String CLIENT_ID = "demo-client";
  static final String CLIENT_SECRET = "demo-secret";
  static final Duration SESSION_LIFETIME = Duration.ofMinutes(20);

  private final HttpServer server;
  private final DemoLimits limits = new DemoLimits();
  private final Clock clock;
  private final AtomicLong sessions = new AtomicLong();
  private volatile String session;
  private volatile Instant sessionIssuedAt = Instant.MIN;

  private DemoOrg(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  public static DemoOrg start(Clock clock) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    DemoOrg org = new DemoOrg(server, clock);
    server.createContext("/services/oauth2/token", org::token);
    server.createContext("/services/data/", org::data);
    // Salesforce answers calls concurrently; a single thread would queue /limits behind a log.
    server.setExecutor(
        java.util.concurrent.Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "demo-org");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return org;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The configuration the exporter uses in demo mode: one org, this one. */
  public ExporterConfig config(String listenAddress) {
    String apiVersion = ExporterConfig.DEFAULT_API_VERSION;
    OrgConfig org =
        new OrgConfig(
            "demo",
            url(),
            apiVersion,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            ExporterConfig.DEFAULT_MAX_STALENESS,
            new AuthConfig.ClientCredentials(CLIENT_ID, new Secret(CLIENT_SECRET), false),
            Map.of(
                Sources.LICENSES, SourceConfig.every(Duration.ofMinutes(1)),
                Sources.ENTITLEMENTS, SourceConfig.every(Duration.ofMinutes(1)),
                Sources.RECORD_COUNTS, SourceConfig.every(Duration.ofMinutes(5)),
                Sources.ORG, SourceConfig.every(Duration.ofHours(1)),
                Sources.API_USAGE, SourceConfig.every(Duration.ofMinutes(10))));
    return new ExporterConfig(
        listenAddress, apiVersion, org.refreshInterval(), org.timeout(), List.of(org));
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!"POST".equals(exchange.getRequestMethod())
        || !"client_credentials".equals(form.get("grant_type"))) {
      send(
          exchange,
          400,
          "{\"error\":\"unsupported_grant_type\","
              + "\"error_description\":\"grant type not supported\"}");
      return;
    }
    if (!CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      send(
          exchange,
          400,
          "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
      return;
    }
    String issued = "00DDEMO0000000!demo-session-" + sessions.incrementAndGet();
    session = issued;
    sessionIssuedAt = clock.instant();
    send(
        exchange,
        200,
        "{\"access_token\":\""
            + issued
            + "\",\"instance_url\":\""
            + url()
            + "\",\"id\":\""
            + url()
            + "/id/00D000000000DEMOAA/005000000000DEMOAA\",\"token_type\":\"Bearer\","
            + "\"scope\":\"api\",\"issued_at\":\""
            + clock.millis()
            + "\"}");
  }

  /** {@code GET /services/data/}: the versions list, which needs no session. */
  private void data(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().equals("/services/data/")) {
      exchange.getRequestBody().readAllBytes();
      send(exchange, 200, VERSIONS);
      return;
    }
    limits(exchange);
  }

  private static final String VERSIONS =
      "[{\"label\":\"Spring '25\",\"url\":\"/services/data/v63.0\",\"version\":\"63.0\"},"
          + "{\"label\":\"Summer '25\",\"url\":\"/services/data/v64.0\",\"version\":\"64.0\"},"
          + "{\"label\":\"Winter '26\",\"url\":\"/services/data/v65.0\",\"version\":\"65.0\"}]";

  /** Every REST resource the exporter reads, behind the demo session. */
  private void limits(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    boolean expired =
        Duration.between(sessionIssuedAt, clock.instant()).compareTo(SESSION_LIFETIME) > 0;
    if (auth == null || session == null || expired || !auth.equals("Bearer " + session)) {
      send(
          exchange,
          401,
          "[{\"message\":\"Session expired or invalid\","
              + "\"errorCode\":\"INVALID_SESSION_ID\"}]");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    java.time.LocalDate logDay = DemoEventLog.day(clock.instant());
    if (path.equals(DemoEventLog.path(logDay))) {
      exchange.getResponseHeaders().set("Content-Type", "text/csv");
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, 0);
      try (java.io.OutputStream body = exchange.getResponseBody()) {
        DemoEventLog.write(logDay, body);
      }
      return;
    }
    String answer = null;
    if (path.matches("/services/data/v\\d+\\.0/limits/?")) {
      answer = limits.at(clock.instant());
    } else if (path.matches("/services/data/v\\d+\\.0/limits/recordCount/?")) {
      answer = DemoSources.recordCounts(clock.instant());
    } else if (path.equals(DemoSources.NEXT_PAGE)) {
      answer = DemoSources.nextPage();
    } else if (path.matches("/services/data/v\\d+\\.0/query/?")) {
      String query = exchange.getRequestURI().getRawQuery();
      answer =
          query == null || !query.startsWith("q=")
              ? null
              : DemoSources.query(
                  URLDecoder.decode(query.substring(2), StandardCharsets.UTF_8), clock.instant());
    }
    if (answer == null) {
      send(
          exchange,
          404,
          "[{\"message\":\"The requested resource does not exist\","
              + "\"errorCode\":\"NOT_FOUND\"}]");
      return;
    }
    send(exchange, 200, answer);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
