package dev.sfexporter.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's exhausting limit moves without jumps and stays over the critical threshold. */
class DemoLimitsTest {
  @Test
  void dailyApiRequestsNeverDropsUnderTheCriticalThresholdNorJumps() {
    DemoLimits limits = new DemoLimits();
    Instant start = Instant.parse("2026-11-22T09:30:00Z");
    double previous = Double.NaN;
    for (int minute = 0; minute <= 150; minute++) {
      double used = used(limits.at(start.plusSeconds(60L * minute)));
      assertTrue(used > 0.80 && used < 0.99, "minute " + minute + ": " + used);
      if (!Double.isNaN(previous)) {
        assertTrue(Math.abs(used - previous) < 0.025, "jump at minute " + minute);
      }
      previous = used;
    }
  }

  private static double used(String body) {
    JsonObject limit =
        JsonParser.parseString(body).getAsJsonObject().getAsJsonObject(DemoLimits.EXHAUSTING);
    double max = limit.get("Max").getAsDouble();
    return (max - limit.get("Remaining").getAsDouble()) / max;
  }
}
