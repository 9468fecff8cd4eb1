package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The demo's pages in a real headless Chromium at 1280 and 375 px: screenshots under
 * target/landing-page/, every bar as wide as its figure, no console error, nothing fetched from
 * anywhere but the exporter, no horizontal scrolling on a phone. Isolated: a browser would take the
 * CPU that timing-sensitive tests running beside it count on.
 */
@Isolated
class LandingPageBrowserTest {
  static final Path SHOTS = Path.of("target", "landing-page");

  /** Per row with a percentage: the figure, the bar's aria-valuenow and its drawn fill ratio. */
  static final String BARS =
      "JSON.stringify([...document.querySelectorAll('li.meter')].filter(li => li.querySelector('.fig b'))"
          + ".map(li => { const bar = li.querySelector('[role=meter]');"
          + " const track = bar ? bar.getBoundingClientRect().width : 0;"
          + " return {name: li.querySelector('.name').textContent, bar: !!bar,"
          + " now: bar ? parseFloat(bar.getAttribute('aria-valuenow')) : -1,"
          + " drawn: track ? 100 * bar.firstElementChild.getBoundingClientRect().width / track : -1};"
          + "}))";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:45:00Z"));

  @Test
  void theDemoPagesRenderAsTheirFiguresSayAtBothWidths() throws Exception {
    Files.createDirectories(SHOTS);
    try (DemoOrg demo = DemoOrg.start(clock);
        RunningExporter exporter = RunningExporter.start(demo.config(":0"), clock);
        HeadlessChromium chromium = HeadlessChromium.start()) {
      exporter.scrape();
      String origin = exporter.uri("").toString();
      for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
        chromium.send(domain + ".enable");
      }

      for (int width : new int[] {1280, 375}) {
        for (String page : List.of("/", "/org/demo")) {
          viewport(chromium, width, 900);
          chromium.open(origin + page);
          assertEquals(List.of(), errors(chromium), page + " at " + width + " px");
          for (JsonObject request : chromium.events("Network.requestWillBeSent")) {
            String url = request.getAsJsonObject("request").get("url").getAsString();
            assertTrue(
                url.startsWith(origin + "/") || url.startsWith("data:"), "request to " + url);
          }
          int bars = 0;
          for (JsonElement each : HeadlessChromium.array(chromium.evaluate(BARS))) {
            JsonObject row = each.getAsJsonObject();
            String name = row.get("name").getAsString();
            assertTrue(row.get("bar").getAsBoolean(), name + " has a bar");
            double expected = Math.min(100, row.get("now").getAsDouble());
            assertEquals(expected, row.get("drawn").getAsDouble(), 1.0, name + " on " + page);
            bars++;
          }
          assertTrue(bars >= (page.equals("/") ? 10 : 50), bars + " bars on " + page);
          assertTrue(
              chromium.evaluate("document.documentElement.scrollWidth").getAsInt() <= width,
              page + " fits " + width + " px without scrolling sideways");
          screenshot(chromium, width, (page.equals("/") ? "overview" : "org-demo") + "-" + width);
        }
      }
      // The console check can see an error: a missing page logs one.
      chromium.open(origin + "/no-such-page");
      assertFalse(errors(chromium).isEmpty(), "a 404 shows as a console error");
    }
  }

  private static List<String> errors(HeadlessChromium chromium) {
    List<String> errors = new ArrayList<>();
    chromium.events("Log.entryAdded").stream()
        .map(e -> e.getAsJsonObject("entry"))
        .filter(entry -> entry.get("level").getAsString().equals("error"))
        .forEach(
            entry ->
                errors.add(
                    entry.get("text").getAsString()
                        + (entry.has("url") ? " " + entry.get("url").getAsString() : "")));
    chromium.events("Runtime.consoleAPICalled").stream()
        .filter(e -> e.get("type").getAsString().equals("error"))
        .forEach(e -> errors.add(e.toString()));
    chromium.events("Runtime.exceptionThrown").forEach(e -> errors.add(e.toString()));
    return errors;
  }

  private static void viewport(HeadlessChromium chromium, int width, int height) {
    JsonObject metrics = new JsonObject();
    metrics.addProperty("width", width);
    metrics.addProperty("height", height);
    metrics.addProperty("deviceScaleFactor", 1);
    metrics.addProperty("mobile", width < 600);
    chromium.send("Emulation.setDeviceMetricsOverride", metrics);
  }

  /** The whole page, not only the viewport. */
  private static void screenshot(HeadlessChromium chromium, int width, String name)
      throws Exception {
    JsonObject size = chromium.send("Page.getLayoutMetrics").getAsJsonObject("cssContentSize");
    JsonObject clip = new JsonObject();
    clip.addProperty("x", 0);
    clip.addProperty("y", 0);
    clip.addProperty("width", width);
    clip.addProperty("height", Math.ceil(size.get("height").getAsDouble()));
    clip.addProperty("scale", 1);
    JsonObject params = new JsonObject();
    params.addProperty("format", "png");
    params.addProperty("captureBeyondViewport", true);
    params.add("clip", clip);
    String png = chromium.send("Page.captureScreenshot", params).get("data").getAsString();
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, Base64.getDecoder().decode(png));
    assertTrue(Files.size(file) > 10_000, file + " holds a picture");
  }
}
