package dev.sfexporter.salesforce;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a /limits body. Every key with a {@code Max} and a {@code Remaining} is a limit, and every
 * object inside it that has both is a nested (per-app or sub-) limit. There is deliberately no list
 * of known names: Salesforce adds limits with new releases.
 */
public final class LimitsParser {
  /** /limits has about 60 entries; a body with this many is not /limits, and would cost memory. */
  public static final int MAX_ENTRIES = 10_000;

  private LimitsParser() {}

  /**
   * @throws IllegalArgumentException when the body is not a JSON object of limits
   */
  public static OrgLimits parse(String body) {
    JsonElement root;
    try {
      root = JsonParser.parseString(body);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("body is not valid JSON (" + firstLine(e) + ")", e);
    }
    if (!(root instanceof JsonObject object)) {
      throw new IllegalArgumentException("body is not a JSON object of limits");
    }
    List<Limit> limits = new ArrayList<>();
    int entries = 0;
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      entries++;
      if (entry.getValue() instanceof JsonObject limit) {
        entries += limit.size();
      }
      if (entries > MAX_ENTRIES) {
        throw new IllegalArgumentException(
            "body has more than " + MAX_ENTRIES + " entries; that is not a /limits answer");
      }
      if (!(entry.getValue() instanceof JsonObject limit)) {
        continue;
      }
      addIfLimit(limits, entry.getKey(), null, limit);
      for (Map.Entry<String, JsonElement> nested : limit.entrySet()) {
        if (nested.getValue() instanceof JsonObject sub) {
          addIfLimit(limits, entry.getKey(), nested.getKey(), sub);
        }
      }
    }
    if (limits.isEmpty() && !object.isEmpty()) {
      throw new IllegalArgumentException("body has no entries with Max and Remaining");
    }
    return new OrgLimits(limits);
  }

  private static void addIfLimit(List<Limit> into, String name, String app, JsonObject entry) {
    Double max = number(entry.get("Max"));
    Double remaining = number(entry.get("Remaining"));
    if (max != null && remaining != null) {
      // Interned: every org reports the same few hundred names, and at 1,000 orgs their copies
      // (kept in the answers and the labels built from them) would be ~10 MiB of heap.
      into.add(new Limit(name.intern(), app == null ? null : app.intern(), max, remaining));
    }
  }

  /** A JSON number, or a string holding one (older API versions sent strings). */
  private static Double number(JsonElement value) {
    if (!(value instanceof JsonPrimitive primitive)) {
      return null;
    }
    if (primitive.isNumber()) {
      return primitive.getAsDouble();
    }
    if (primitive.isString()) {
      try {
        return Double.parseDouble(primitive.getAsString().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
