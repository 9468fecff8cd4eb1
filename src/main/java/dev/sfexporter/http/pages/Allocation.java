package dev.sfexporter.http.pages;

/**
 * One entry of /limits, as {@code salesforce_limit_*} exports it.
 *
 * @param app null for a top-level limit; else the nested entry (a connected app's quota or a named
 *     sub-limit)
 * @param used {@code max - remaining}
 * @param usage {@code used / max}, null when {@code max} is 0
 */
public record Allocation(
    String limit, String app, double max, double remaining, double used, Double usage, Level level)
    implements Meter {
  public static final String DAILY_API_REQUESTS = "DailyApiRequests";

  public static Allocation of(String limit, String app, double max, double remaining) {
    double used = max - remaining;
    Double usage = Level.usage(used, max);
    double[] thresholds =
        app != null
            ? Level.APP_QUOTA
            : DAILY_API_REQUESTS.equals(limit) ? Level.DAILY_API : Level.LIMIT;
    return new Allocation(limit, app, max, remaining, used, usage, Level.of(usage, thresholds));
  }

  @Override
  public String label() {
    return app == null ? limit : limit + " › " + app;
  }

  @Override
  public Double amountUsed() {
    return used;
  }

  @Override
  public double amountCap() {
    return max;
  }
}
