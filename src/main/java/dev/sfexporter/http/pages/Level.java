package dev.sfexporter.http.pages;

import com.google.gson.annotations.SerializedName;

/**
 * How full an allocation is, against the thresholds the bundled alerts use by default
 * (mixin/config.libsonnet): DailyApiRequests 60 % / 80 %, other limits 80 % / 95 %, connected-app
 * quotas 90 %, licences 90 % / 100 %.
 */
public enum Level {
  @SerializedName("ok")
  OK,
  @SerializedName("warning")
  WARNING,
  @SerializedName("critical")
  CRITICAL,
  /** No cap to compare with (max 0: not licensed), or not metered. */
  @SerializedName("unknown")
  UNKNOWN;

  static final double[] DAILY_API = {0.60, 0.80};
  static final double[] LIMIT = {0.80, 0.95};
  static final double[] APP_QUOTA = {0.90, 1.00};
  static final double[] LICENSE = {0.90, 1.00};

  static Level of(Double usage, double[] thresholds) {
    if (usage == null) {
      return UNKNOWN;
    }
    return usage >= thresholds[1] ? CRITICAL : usage >= thresholds[0] ? WARNING : OK;
  }

  /** Used fraction of a cap, or null when there is no cap (max 0 means not licensed). */
  static Double usage(double used, double max) {
    return max > 0 ? used / max : null;
  }

  /** The CSS class of a bar. */
  String css() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
