package dev.sfexporter.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads back the pairs {@link LogLine} writes, so the JSON format keeps the same fields. */
final class LogfmtPairs {
  private LogfmtPairs() {}

  static Map<String, String> parse(String line) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      i = eq + 1;
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (i < n && line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n) {
            char next = line.charAt(++i);
            value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
          } else {
            value.append(c);
          }
          i++;
        }
        i++;
      } else {
        while (i < n && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      pairs.put(key, value.toString());
    }
    return pairs;
  }
}
