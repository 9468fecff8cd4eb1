package dev.sfexporter.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects every log line (message and stack trace) while open. */
public final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger ROOT = Logger.getLogger("");
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  public LogCapture() {
    ROOT.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    StringBuilder line =
        new StringBuilder(record.getLevel() + " " + formatter.formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  /** Lines that mention {@code text} (e.g. an org name unique to the test). */
  public List<String> linesWith(String text) {
    return lines.stream().filter(l -> l.contains(text)).toList();
  }

  public String all() {
    return String.join("\n", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    ROOT.removeHandler(this);
  }
}
