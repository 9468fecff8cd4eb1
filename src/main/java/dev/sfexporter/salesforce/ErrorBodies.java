package dev.sfexporter.salesforce;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed answer into what Salesforce said: REST errors are {@code
 * [{"errorCode":..,"message":..}]}, OAuth errors {@code {"error":..,"error_description":..}};
 * anything else (an HTML maintenance page, a proxy's text) is summarised briefly.
 */
public final class ErrorBodies {
  private static final Pattern HTML_TITLE =
      Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final int MAX_EXCERPT = 160;

  private ErrorBodies() {}

  /** What Salesforce said, as errorCode and message; either may be null. */
  public record Said(String errorCode, String message) {}

  public static Said describe(HttpResult result) {
    String body = result.body() == null ? "" : result.body().strip();
    if (body.startsWith("[") || body.startsWith("{")) {
      Said said = fromJson(body);
      if (said != null) {
        return said;
      }
    }
    if (body.isEmpty()) {
      return new Said(null, "empty body");
    }
    Matcher title = HTML_TITLE.matcher(body);
    if (title.find()) {
      return new Said(null, "HTML page \"" + oneLine(title.group(1)) + "\"");
    }
    if (body.toLowerCase(Locale.ROOT).contains("<html")) {
      return new Said(null, "HTML page");
    }
    return new Said(null, "body \"" + oneLine(body) + "\"");
  }

  private static Said fromJson(String body) {
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json instanceof JsonArray array
          && !array.isEmpty()
          && array.get(0) instanceof JsonObject first) {
        return new Said(text(first, "errorCode"), text(first, "message"));
      }
      if (json instanceof JsonObject object) {
        if (object.has("error")) {
          return new Said(text(object, "error"), text(object, "error_description"));
        }
        if (object.has("errorCode")) {
          return new Said(text(object, "errorCode"), text(object, "message"));
        }
      }
    } catch (RuntimeException e) {
      // Not JSON after all (truncated, or a proxy's text): fall through to the excerpt.
    }
    return null;
  }

  private static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || !value.isJsonPrimitive() ? null : oneLine(value.getAsString());
  }

  static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_EXCERPT ? flat : flat.substring(0, MAX_EXCERPT) + "…";
  }
}
