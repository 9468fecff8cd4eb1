package dev.sfexporter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A fake Salesforce for the fleet benchmark: the token endpoint and {@code /limits}, each answered
 * after a fixed latency. Answers are sent from a timer instead of a sleeping thread, so a thousand
 * calls at once cost this side a handful of threads and never queue here.
 */
final class FakeSalesforce implements AutoCloseable {
  private final HttpServer server;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService handlers;
  private final long latencyMs;
  private final String scheme;
  private final HttpClient.Builder client;
  private final byte[] limits;
  private final AtomicLong limitsCalls = new AtomicLong();
  private final AtomicLong tokenCalls = new AtomicLong();

  /**
   * @param tls null for plain HTTP, else the context to serve HTTPS with (Salesforce's servers
   *     present a 2048-bit RSA certificate; so does the test one)
   */
  FakeSalesforce(long latencyMs, String limitsBody, SSLContext tls) throws Exception {
    this.latencyMs = latencyMs;
    this.limits = limitsBody.getBytes(StandardCharsets.UTF_8);
    // The JDK server closes idle connections beyond 200 by default; Salesforce keeps them open.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
    // Handlers only schedule answers on the timer; with HTTPS they also do handshakes, blocking.
    handlers = Executors.newFixedThreadPool(tls == null ? 2 : 16);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30));
    if (tls != null) {
      client.sslContext(BenchTls.client());
    }
    InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 4096);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 4096);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    this.scheme = tls == null ? "http" : "https";
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Warms this fake before the exporter starts: Salesforce answers from servers that are always
   * hot, so the fake's own first-time costs (its JIT, class loading) must not land on the cores
   * while the exporter's cold scrape is timed. Three times what the cold scrape asks (a token
   * request and a /limits call per org), 32 at a time (the JIT needs calls, not concurrency); then
   * the counts start again from zero.
   */
  void warm(int orgs) throws Exception {
    HttpClient warmer = client.build();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 3 * orgs; i++) {
      for (HttpRequest request :
          List.of(
              HttpRequest.newBuilder(URI.create(url() + "/services/oauth2/token"))
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                  .build(),
              HttpRequest.newBuilder(URI.create(url() + "/services/data/v64.0/limits"))
                  .timeout(Duration.ofSeconds(60))
                  .build())) {
        inFlight.acquire();
        calls.add(
            warmer
                .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> inFlight.release()));
      }
    }
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
    resetCounts();
  }

  /** Forgets the calls so far. */
  private void resetCounts() {
    limitsCalls.set(0);
    tokenCalls.set(0);
    tokenArrivals.clear();
    limitsArrivals.clear();
  }

  long limitsCalls() {
    return limitsCalls.get();
  }

  long tokenCalls() {
    return tokenCalls.get();
  }

  private final Queue<Long> tokenArrivals = new ConcurrentLinkedQueue<>();
  private final Queue<Long> limitsArrivals = new ConcurrentLinkedQueue<>();

  /** When token requests arrived since the last reset, as System.nanoTime(), in order. */
  long[] tokenArrivals() {
    return sorted(tokenArrivals);
  }

  /** When /limits calls arrived since the last reset. */
  long[] limitsArrivals() {
    return sorted(limitsArrivals);
  }

  private static long[] sorted(Queue<Long> times) {
    return times.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    byte[] body;
    if (path.endsWith("/services/oauth2/token")) {
      tokenCalls.incrementAndGet();
      tokenArrivals.add(System.nanoTime());
      body =
          ("{\"access_token\":\"00Dbench!token\",\"instance_url\":\""
                  + url()
                  + "\",\"id\":\"https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA\","
                  + "\"token_type\":\"Bearer\"}")
              .getBytes(StandardCharsets.UTF_8);
    } else if (path.endsWith("/limits")) {
      limitsCalls.incrementAndGet();
      limitsArrivals.add(System.nanoTime());
      body = limits;
    } else {
      body = "[]".getBytes(StandardCharsets.UTF_8);
    }
    timer.schedule(() -> answer(exchange, body), latencyMs, TimeUnit.MILLISECONDS);
  }

  private final AtomicLong lastAnswer = new AtomicLong();

  /** When the fake last answered, as System.nanoTime(). */
  long lastAnswer() {
    return lastAnswer.get();
  }

  private void answer(HttpExchange exchange, byte[] body) {
    lastAnswer.set(System.nanoTime());
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
    } catch (IOException e) {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    handlers.shutdownNow();
  }
}
