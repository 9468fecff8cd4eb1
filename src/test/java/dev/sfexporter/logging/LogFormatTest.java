package dev.sfexporter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  private static LogRecord record(Level level, String message) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName("dev.sfexporter.collect.OrgRefresher");
    record.setMillis(1_795_000_000_000L);
    return record;
  }

  private final String event =
      LogLine.of("refresh failed")
          .with("org", "prod")
          .with("error", "HTTP 503: \"Server\" is unavailable\nretry")
          .toString();

  @Test
  void logfmtQuotesAndEscapesValues() {
    String line = LogFormat.LOGFMT.formatter().format(record(Level.WARNING, event));
    assertEquals(
        "ts="
            + java.time.Instant.ofEpochMilli(1_795_000_000_000L)
            + " level=warn logger=OrgRefresher msg=\"refresh failed\" org=prod"
            + " error=\"HTTP 503: \\\"Server\\\" is unavailable\\nretry\"\n",
        line);
  }

  @Test
  void jsonKeepsTheSameFields() {
    String line = LogFormat.JSON.formatter().format(record(Level.WARNING, event));
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("warn", json.get("level").getAsString());
    assertEquals("refresh failed", json.get("msg").getAsString());
    assertEquals("prod", json.get("org").getAsString());
    assertEquals("HTTP 503: \"Server\" is unavailable\nretry", json.get("error").getAsString());
    assertTrue(
        line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line per event");
  }

  @Test
  void foreignMessagesBecomeOneMsgValue() {
    String line =
        LogFormat.JSON.formatter().format(record(Level.INFO, "Started oejs.Server@1 x=y"));
    assertEquals(
        "Started oejs.Server@1 x=y",
        JsonParser.parseString(line).getAsJsonObject().get("msg").getAsString());
  }
}
