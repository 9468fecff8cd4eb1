package dev.sfexporter.http.pages;

/** Anything shown as a bar: an amount used against a cap. */
public interface Meter {
  String label();

  /** The amount used, or null when not metered. */
  Double amountUsed();

  double amountCap();

  /** {@code used / cap}, or null when there is no cap or nothing is metered. */
  Double usage();

  Level level();
}
