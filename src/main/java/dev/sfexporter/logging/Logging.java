package dev.sfexporter.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** Sets up java.util.logging (behind SLF4J) once at start-up: one format, one level, stderr. */
public final class Logging {
  // JUL holds loggers weakly: without these references the levels set below would be lost.
  private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");
  private static final Logger HTTP_CLIENT = Logger.getLogger("org.apache.hc");

  private Logging() {}

  /**
   * JUL's own shutdown hook resets every handler while our shutdown hook still logs; this manager
   * ignores that reset (our handler flushes each line, so nothing is lost). Main names it in {@code
   * java.util.logging.manager} before anything logs.
   */
  public static final class SteadyLogManager extends LogManager {
    @Override
    public void reset() {
      // Only configure() resets, through resetNow().
    }

    void resetNow() {
      super.reset();
    }
  }

  /**
   * @throws IllegalArgumentException for an unknown level or format, naming the flag
   */
  public static void configure(String level, String format, PrintStream out) {
    Level julLevel = parseLevel(level);
    LogFormat logFormat = parseFormat(format);
    LogManager manager = LogManager.getLogManager();
    if (manager instanceof SteadyLogManager steady) {
      steady.resetNow();
    } else {
      manager.reset();
    }
    Logger root = Logger.getLogger("");
    Handler handler =
        new StreamHandler(out, logFormat.formatter()) {
          @Override
          public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(julLevel);
    // Jetty's start-up chatter is not news; its warnings are.
    JETTY.setLevel(max(julLevel, Level.WARNING));
    // HttpClient logs request headers (bearer tokens) at debug: never let that through.
    HTTP_CLIENT.setLevel(max(julLevel, Level.INFO));
  }

  static Level parseLevel(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      default ->
          throw new IllegalArgumentException(
              "--log.level: unknown value \""
                  + level
                  + "\"; expected one of debug, info, warn, error");
    };
  }

  static LogFormat parseFormat(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "logfmt" -> LogFormat.LOGFMT;
      case "json" -> LogFormat.JSON;
      default ->
          throw new IllegalArgumentException(
              "--log.format: unknown value \"" + format + "\"; expected logfmt or json");
    };
  }

  private static Level max(Level a, Level b) {
    return a.intValue() >= b.intValue() ? a : b;
  }
}
