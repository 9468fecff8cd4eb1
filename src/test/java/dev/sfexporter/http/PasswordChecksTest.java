package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Samples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bcrypt is paid once per good credential, every time for a bad one, and never starves scrapes. */
class PasswordChecksTest {
  private static final String HASH_LINE = Samples.resource("/tls/htpasswd.txt").strip();
  private static final String RIGHT = basic("prometheus", "scrape-me-please");
  @TempDir Path dir;

  private HttpsServer start() throws Exception {
    return HttpsServer.start(
        dir,
        HttpsServer.TLS
            + "basic_auth_users:\n  prometheus: "
            + HASH_LINE.substring(HASH_LINE.indexOf(':') + 1)
            + "\n",
        web -> web,
        new PrometheusRegistry(),
        () -> new Reloader.Outcome(false, "no file"));
  }

  @Test
  void aGoodCredentialIsHashedOnceAndEveryBadOneIsHashed() throws Exception {
    try (HttpsServer server = start()) {
      for (int i = 0; i < 50; i++) {
        assertEquals(200, server.get("/metrics", "Authorization", RIGHT).statusCode());
      }
      assertEquals(1, server.server.passwordChecks(), "50 scrapes, one bcrypt");

      assertEquals(
          401, server.get("/metrics", "Authorization", basic("prometheus", "wrong")).statusCode());
      assertEquals(
          401, server.get("/metrics", "Authorization", basic("prometheus", "wrong")).statusCode());
      assertEquals(3, server.server.passwordChecks(), "a wrong password is never remembered");
      assertEquals(
          401,
          server
              .get("/metrics", "Authorization", basic("mallory", "scrape-me-please"))
              .statusCode());
      assertEquals(4, server.server.passwordChecks(), "an unknown user costs a bcrypt too");
      assertEquals(401, server.get("/metrics").statusCode());
      assertEquals(4, server.server.passwordChecks(), "no credentials, nothing to hash");
      assertEquals(200, server.get("/metrics", "Authorization", RIGHT).statusCode());
      assertEquals(4, server.server.passwordChecks(), "still remembered");
    }
  }

  @Test
  void aWrongPasswordFloodDoesNotSlowRememberedScrapes() throws Exception {
    try (HttpsServer server = start()) {
      assertEquals(200, server.get("/metrics", "Authorization", RIGHT).statusCode());
      AtomicBoolean flooding = new AtomicBoolean(true);
      ExecutorService flood = Executors.newFixedThreadPool(4);
      for (int i = 0; i < 4; i++) {
        flood.submit(
            () -> {
              while (flooding.get()) {
                int status =
                    server
                        .get("/metrics", "Authorization", basic("prometheus", "guess"))
                        .statusCode();
                assertTrue(status == 401 || status == 503, "flood got " + status);
              }
              return null;
            });
      }
      Thread.sleep(1000);
      long checksBefore = server.server.passwordChecks();
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        assertEquals(200, server.get("/metrics", "Authorization", RIGHT).statusCode());
        millis.add((System.nanoTime() - start) / 1e6);
      }
      flooding.set(false);
      flood.shutdown();
      assertTrue(flood.awaitTermination(20, TimeUnit.SECONDS));
      assertTrue(server.server.passwordChecks() > checksBefore, "the flood was being hashed");
      Collections.sort(millis);
      System.out.printf(
          "scrapes under a wrong-password flood: median %.1f ms, %d bcrypt checks by the flood%n",
          millis.get(10), server.server.passwordChecks() - checksBefore);
      // A scrape that had to wait for bcrypt behind the flood would take 100s of ms; remembered
      // ones skip it.
      assertTrue(millis.get(10) < 300, "median scrape under a flood: " + millis.get(10) + " ms");
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
