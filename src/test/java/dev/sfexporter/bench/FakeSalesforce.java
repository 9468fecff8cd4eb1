package dev.sfexporter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Salesforce for the fleet benchmark: the token endpoint and {@code /limits}, each answered
 * after a fixed latency. Answers are sent from a timer instead of a sleeping thread, so a thousand
 * calls at once cost this side a handful of threads and never queue here.
 */
final class FakeSalesforce implements AutoCloseable {
  private final HttpServer server;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService handlers = Executors.newFixedThreadPool(2);
  private final long latencyMs;
  private final byte[] limits;
  private final AtomicLong limitsCalls = new AtomicLong();
  private final AtomicLong tokenCalls = new AtomicLong();

  FakeSalesforce(long latencyMs, String limitsBody) throws IOException {
    this.latencyMs = latencyMs;
    this.limits = limitsBody.getBytes(StandardCharsets.UTF_8);
    // The JDK server closes idle connections beyond 200 by default; Salesforce keeps them open.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Forgets the calls so far (the benchmark's warm-up). */
  void resetCounts() {
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
