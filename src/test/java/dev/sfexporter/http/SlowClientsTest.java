package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.config.WebConfigLoader;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import dev.sfexporter.testing.TlsFixtures;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No client can starve the others: clients that never read, and more scrapes than allowed. */
class SlowClientsTest {
  private static final int STALLED = 100;
  private static final int ORGS = 200;
  @TempDir Path dir;
  @StartStop final MockWebServer salesforce = new MockWebServer();

  @Test
  void aHundredClientsThatNeverReadLeaveAScrapeOf200OrgsItsUsualTime() throws Exception {
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return Samples.limits();
          }
        });
    List<OrgConfig> orgs = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) {
      orgs.add(TestOrgs.givenToken("org-" + i, salesforce));
    }
    TlsFixtures.copy(dir, "server.pem");
    TlsFixtures.copy(dir, "server.key");
    WebConfig web =
        WebConfigLoader.load(Files.writeString(dir.resolve("web.yml"), HttpsServer.TLS));
    SSLContext tls = TlsFixtures.clientContext(null);
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    try (RunningExporter exporter =
        RunningExporter.start(
            TestOrgs.config(Duration.ofSeconds(30), orgs.toArray(new OrgConfig[0])),
            new MutableClock(),
            web,
            e -> () -> new Reloader.Outcome(false, "no file"))) {
      int port = exporter.exporter().port();
      HttpRequest scrape =
          HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(60))
              .build();
      int size = client.send(scrape, HttpResponse.BodyHandlers.ofString()).body().length();
      assertTrue(size > 1_000_000, "a 200-org answer is large: " + size);
      medianMillis(client, scrape, 5); // warm-up
      double usual = medianMillis(client, scrape, 5);

      // Each stalled client reads the head of its answer (so it was rendered and is being
      // written: the scrape slot is free again), then never reads another byte.
      List<SSLSocket> stalled = Collections.synchronizedList(new ArrayList<>());
      ExecutorService openers = Executors.newFixedThreadPool(8);
      List<Future<String>> heads = new ArrayList<>();
      long openingStarted = System.nanoTime();
      for (int i = 0; i < STALLED; i++) {
        heads.add(openers.submit(() -> openStalled(tls, port, stalled)));
      }
      long answerLength = 0;
      for (Future<String> head : heads) {
        String text = head.get(60, TimeUnit.SECONDS);
        assertTrue(text.startsWith("HTTP/1.1 200"), text);
        answerLength = Math.max(answerLength, contentLength(text));
      }
      openers.shutdown();

      double withStalled = medianMillis(client, scrape, 5);
      System.out.printf(
          "200-org scrape (%d bytes): %.0f ms alone, %.0f ms with %d clients not reading%n",
          size, usual, withStalled, STALLED);
      assertTrue(
          withStalled < Math.max(3 * usual, usual + 1000),
          withStalled + " ms with stalled clients vs " + usual + " ms alone");

      // Stalled writes are cut by the write timeout: a stalled client later finds a truncated
      // answer and the end of the connection, not the rest of its answer. The first ten opened
      // stalled within a few seconds of the start.
      long cut = openingStarted + ExporterServer.WRITE_STALL_TIMEOUT.plusSeconds(5).toNanos();
      Thread.sleep(Math.max(0, (cut - System.nanoTime()) / 1_000_000));
      for (SSLSocket socket : stalled.subList(0, 10)) {
        long received = drain(socket);
        assertTrue(
            received < answerLength,
            "the stalled connection was cut: " + received + " of " + answerLength + " bytes");
      }
      stalled.forEach(SlowClientsTest::closeQuietly);
    }
  }

  @Test
  void scrapesBeyondMaxRequestsGet503AtOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        (MultiCollector)
            () -> {
              entered.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return MetricSnapshots.builder().build();
            });
    try (HttpsServer server =
        HttpsServer.start(
            dir,
            HttpsServer.TLS,
            web -> web.withMaxRequests(2),
            registry,
            () -> new Reloader.Outcome(false, "no file"))) {
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        held.add(CompletableFuture.supplyAsync(() -> unchecked(() -> server.get("/metrics"))));
      }
      assertTrue(entered.await(20, TimeUnit.SECONDS), "both scrapes are inside the collector");
      long start = System.nanoTime();
      HttpResponse<String> excess = server.get("/metrics");
      assertEquals(503, excess.statusCode());
      assertTrue(excess.body().contains("--web.max-requests"), excess.body());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "refused at once");
      assertEquals(200, server.get("/-/healthy").statusCode(), "other paths are not limited");
      release.countDown();
      for (CompletableFuture<HttpResponse<String>> scrape : held) {
        assertEquals(200, scrape.get(10, TimeUnit.SECONDS).statusCode());
      }
      assertEquals(200, server.get("/metrics").statusCode(), "the slots came back");
    }
  }

  /** Sends a scrape and reads the answer's head only; returns it. */
  private static String openStalled(SSLContext tls, int port, List<SSLSocket> sockets)
      throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
    socket.setReceiveBufferSize(8192);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    socket.setSoTimeout(30_000);
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  private static long contentLength(String head) {
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    assertTrue(length.find(), head);
    return Long.parseLong(length.group(1));
  }

  /** Bytes left to read until the server ends the connection. */
  private static long drain(SSLSocket socket) throws IOException {
    socket.setSoTimeout(5_000);
    long total = 0;
    byte[] buffer = new byte[65536];
    InputStream in = socket.getInputStream();
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection is still open after the write timeout", e);
    } catch (IOException reset) {
      // ended by a reset: cut, as expected
    }
    return total;
  }

  private static double medianMillis(HttpClient client, HttpRequest scrape, int times)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(scrape, HttpResponse.BodyHandlers.ofString());
      millis.add((System.nanoTime() - start) / 1e6);
      assertEquals(200, response.statusCode());
    }
    Collections.sort(millis);
    return millis.get(times / 2);
  }

  private static void closeQuietly(SSLSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already cut by the server
    }
  }

  interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T unchecked(Call<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
