package dev.sfexporter.salesforce;

/**
 * One limit as /limits reports it.
 *
 * @param name the top-level key, e.g. {@code DailyApiRequests}
 * @param app null for a top-level entry; for a nested entry its key, e.g. a connected app's name
 *     under DailyApiRequests or {@code CreateCustom} under PermissionSets
 */
public record Limit(String name, String app, double max, double remaining) {
  public boolean isNested() {
    return app != null;
  }
}
