package dev.sfexporter.logging;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** The two log line formats: logfmt (default) and JSON, one event per line. */
public enum LogFormat {
  LOGFMT,
  JSON;

  public Formatter formatter() {
    return this == LOGFMT ? new LogfmtFormatter() : new JsonFormatter();
  }

  static String level(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (value >= Level.WARNING.intValue()) {
      return "warn";
    }
    if (value >= Level.INFO.intValue()) {
      return "info";
    }
    return "debug";
  }

  static String logger(LogRecord record) {
    String name = record.getLoggerName() == null ? "" : record.getLoggerName();
    return name.startsWith("dev.sfexporter.") ? name.substring(name.lastIndexOf('.') + 1) : name;
  }

  /** Our own messages are already logfmt pairs; anything else becomes one msg value. */
  static String pairs(Formatter formatter, LogRecord record) {
    String message = formatter.formatMessage(record);
    return message.startsWith("msg=") ? message : "msg=" + LogLine.quote(message);
  }

  static String stackTrace(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static final class LogfmtFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder line =
          new StringBuilder()
              .append("ts=")
              .append(Instant.ofEpochMilli(record.getMillis()))
              .append(" level=")
              .append(level(record.getLevel()))
              .append(" logger=")
              .append(LogLine.quote(logger(record)))
              .append(' ')
              .append(pairs(this, record));
      if (record.getThrown() != null) {
        line.append(" exception=").append(LogLine.quote(stackTrace(record.getThrown())));
      }
      return line.append('\n').toString();
    }
  }

  private static final class JsonFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      JsonObject event = new JsonObject();
      event.addProperty("ts", Instant.ofEpochMilli(record.getMillis()).toString());
      event.addProperty("level", level(record.getLevel()));
      event.addProperty("logger", logger(record));
      LogfmtPairs.parse(pairs(this, record)).forEach(event::addProperty);
      if (record.getThrown() != null) {
        event.addProperty("exception", stackTrace(record.getThrown()));
      }
      return event + "\n";
    }
  }
}
