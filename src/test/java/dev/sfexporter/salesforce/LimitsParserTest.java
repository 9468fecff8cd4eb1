package dev.sfexporter.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.testing.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsParserTest {

  @Test
  void everyEntryOfTheRealisticSampleBecomesALimitWithItsValues() {
    String body = Samples.limitsBody();
    List<Limit> limits = LimitsParser.parse(body).limits();

    // Walk the sample independently of the parser: every entry and nested entry must be there.
    JsonObject sample = JsonParser.parseString(body).getAsJsonObject();
    int expected = 0;
    for (Map.Entry<String, JsonElement> entry : sample.entrySet()) {
      JsonObject limit = entry.getValue().getAsJsonObject();
      assertEquals(1, count(limits, entry.getKey(), null, limit), entry.getKey());
      expected++;
      for (Map.Entry<String, JsonElement> nested : limit.entrySet()) {
        if (nested.getValue().isJsonObject()) {
          assertEquals(
              1,
              count(limits, entry.getKey(), nested.getKey(), nested.getValue().getAsJsonObject()),
              entry.getKey() + "/" + nested.getKey());
          expected++;
        }
      }
    }
    assertEquals(expected, limits.size());
    assertTrue(limits.size() > 90, "the sample has ~57 limits and ~41 nested ones");
  }

  @Test
  void spotChecksAgainstTheSample() {
    List<Limit> limits = LimitsParser.parse(Samples.limitsBody()).limits();
    assertTrue(limits.contains(new Limit("DailyApiRequests", null, 350000, 312457)));
    assertTrue(limits.contains(new Limit("DataStorageMB", null, 15240, 4318)));
    assertTrue(limits.contains(new Limit("PermissionSets", "CreateCustom", 1000, 934)));
    assertTrue(
        limits.contains(new Limit("DailyApiRequests", "Salesforce Mobile Dashboards", 0, 0)));
  }

  @Test
  void acceptsNumbersSentAsStringsAndKeepsNegativeRemaining() {
    List<Limit> limits =
        LimitsParser.parse(
                "{\"DailyApiRequests\":{\"Max\":\"15000\",\"Remaining\":\"-120\","
                    + "\"My App\":{\"Max\":\"500\",\"Remaining\":\"12\"}},"
                    + "\"BrandNewLimit2027\":{\"Max\":7,\"Remaining\":7.5}}")
            .limits();
    assertEquals(
        List.of(
            new Limit("DailyApiRequests", null, 15000, -120),
            new Limit("DailyApiRequests", "My App", 500, 12),
            new Limit("BrandNewLimit2027", null, 7, 7.5)),
        limits);
  }

  @Test
  void skipsKeysThatAreNotLimits() {
    List<Limit> limits =
        LimitsParser.parse(
                "{\"A\":{\"Max\":1,\"Remaining\":1,\"note\":\"x\",\"Half\":{\"Max\":3}},"
                    + "\"B\":\"text\",\"C\":{\"Max\":\"many\",\"Remaining\":1}}")
            .limits();
    assertEquals(List.of(new Limit("A", null, 1, 1)), limits);
  }

  @Test
  void refusesBodiesThatAreNotLimits() {
    for (String body :
        List.of(
            "<html><body>Down for maintenance</body></html>",
            "{\"DailyApiRequests\":{\"Max\":15000,\"Rem",
            "[1,2,3]",
            "{\"A\":{\"B\":1}}",
            "")) {
      assertThrows(IllegalArgumentException.class, () -> LimitsParser.parse(body), body);
    }
  }

  private static long count(List<Limit> limits, String name, String app, JsonObject entry) {
    double max = entry.get("Max").getAsDouble();
    double remaining = entry.get("Remaining").getAsDouble();
    return limits.stream().filter(l -> l.equals(new Limit(name, app, max, remaining))).count();
  }
}
