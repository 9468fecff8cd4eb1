package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /-/reload over HTTPS: opt-in with --web.enable-lifecycle, and never cross-origin. */
class LifecycleEndpointTest {
  @TempDir Path dir;
  private final AtomicInteger reloads = new AtomicInteger();

  private HttpsServer start(boolean lifecycle) throws Exception {
    return HttpsServer.start(
        dir,
        HttpsServer.TLS,
        web -> web.withLifecycle(lifecycle),
        new PrometheusRegistry(),
        () -> {
          reloads.incrementAndGet();
          return new Reloader.Outcome(true, "configuration reloaded: 1 org(s)");
        });
  }

  @Test
  void withoutTheFlagReloadIsRefusedAndTheAnswerNamesTheFlag() throws Exception {
    try (HttpsServer server = start(false)) {
      HttpResponse<String> refused = server.post("/-/reload");
      assertEquals(403, refused.statusCode());
      assertTrue(refused.body().contains("--web.enable-lifecycle"), refused.body());
      assertEquals(405, server.get("/-/reload").statusCode(), "GET never reloads");
      assertEquals(0, reloads.get());
    }
  }

  @Test
  void withTheFlagReloadWorksButNotFromAnotherOrigin() throws Exception {
    try (HttpsServer server = start(true)) {
      HttpResponse<String> plain = server.post("/-/reload");
      assertEquals(200, plain.statusCode(), plain.body());
      assertEquals("configuration reloaded: 1 org(s)\n", plain.body());
      String own = "https://127.0.0.1:" + server.server.port();
      assertEquals(200, server.post("/-/reload", "Origin", own).statusCode(), "same origin");
      assertEquals(200, server.post("/-/reload", "Sec-Fetch-Site", "same-origin").statusCode());
      assertEquals(2 + 1, reloads.get());

      for (String[] crossSite :
          new String[][] {
            {"Origin", "http://evil.example"},
            {"Origin", "null"},
            {"Origin", "http://127.0.0.1:" + server.server.port()},
            {"Origin", "https://127.0.0.1:1"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "same-site"},
          }) {
        HttpResponse<String> refused = server.post("/-/reload", crossSite);
        assertEquals(403, refused.statusCode(), String.join(": ", crossSite));
        assertTrue(refused.body().contains("cross-origin"), refused.body());
      }
      assertEquals(3, reloads.get(), "no refused request reloaded anything");
    }
  }
}
