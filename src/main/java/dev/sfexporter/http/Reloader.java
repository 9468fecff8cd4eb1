package dev.sfexporter.http;

/** Reloads the configuration file; a bad file leaves the running configuration in place. */
@FunctionalInterface
public interface Reloader {

  /** What happened, in words for the caller of {@code POST /-/reload} or the log. */
  record Outcome(boolean applied, String message) {}

  Outcome reload();
}
