package dev.sfexporter.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * One log event as logfmt pairs: {@code msg="refresh failed" org=prod error="..."}. Values are
 * quoted and escaped as needed, so a Salesforce message with quotes cannot break the line; the JSON
 * log format reads the same pairs back.
 */
public final class LogLine {
  private final List<String[]> pairs = new ArrayList<>();

  private LogLine(String message) {
    pairs.add(new String[] {"msg", message});
  }

  public static LogLine of(String message) {
    return new LogLine(message);
  }

  public LogLine with(String key, Object value) {
    pairs.add(new String[] {key, String.valueOf(value)});
    return this;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(pair[0]).append('=').append(quote(pair[1]));
    }
    return out.toString();
  }

  /** A logfmt value: bare when safe, else in double quotes with \ " and newlines escaped. */
  public static String quote(String value) {
    boolean bare = !value.isEmpty();
    for (int i = 0; i < value.length() && bare; i++) {
      char c = value.charAt(i);
      bare = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
    }
    if (bare) {
      return value;
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
