package dev.sfexporter.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A realistic /limits body whose usage moves with time. DailyApiRequests climbs from 86% to 98%
 * used over 54 minutes of each hour and eases back over the last 6 (as a rolling 24-hour window
 * does), never below the 80% critical threshold, so the bundled alerts can be seen firing without
 * flapping at the top of the hour; other limits drift the same way, without jumps.
 */
final class DemoLimits {
  /** The limit the demo drives towards exhaustion. */
  static final String EXHAUSTING = "DailyApiRequests";

  static final long CYCLE_SECONDS = 3600;

  /** The share of the cycle spent climbing; the rest eases back down. */
  private static final double RISING = 0.9;

  private final JsonObject base;

  DemoLimits() {
    try (InputStream in =
        DemoLimits.class.getResourceAsStream("/dev/sfexporter/demo/limits.json")) {
      base =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String at(Instant now) {
    JsonObject body = base.deepCopy();
    double cycle = (now.getEpochSecond() % CYCLE_SECONDS) / (double) CYCLE_SECONDS;
    double wave = wave(cycle);
    for (Map.Entry<String, JsonElement> entry : body.entrySet()) {
      JsonObject limit = entry.getValue().getAsJsonObject();
      long max = limit.get("Max").getAsLong();
      long remaining = limit.get("Remaining").getAsLong();
      if (entry.getKey().equals(EXHAUSTING)) {
        setUsed(limit, max, 0.86 + 0.12 * wave);
        JsonObject cli = limit.getAsJsonObject("Salesforce CLI");
        cli.addProperty("Max", 50_000);
        setUsed(cli, 50_000, 0.30 + 0.5 * wave);
      } else if (max > 0) {
        // Drift: what was used grows through the cycle, plus a wobble that differs per limit.
        double used = (max - remaining) / (double) max;
        double wobble =
            0.02 * Math.sin(2 * Math.PI * (cycle + (entry.getKey().hashCode() & 0xff) / 256.0));
        setUsed(limit, max, clamp(used + 0.1 * wave * (1 - used) + Math.abs(wobble)));
      }
    }
    return body.toString();
  }

  /** 0 at the top of the hour, up to 1 at 54 minutes, back to 0 at the next hour: no jump. */
  static double wave(double cycle) {
    return cycle < RISING ? cycle / RISING : (1 - cycle) / (1 - RISING);
  }

  private static void setUsed(JsonObject limit, long max, double usedRatio) {
    limit.addProperty("Remaining", Math.round(max * (1 - usedRatio)));
  }

  private static double clamp(double ratio) {
    return Math.max(0, Math.min(1, ratio));
  }
}
