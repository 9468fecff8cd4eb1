package dev.sfexporter.http.pages;

/**
 * A usage-based entitlement, as {@code salesforce_entitlement_*} exports it.
 *
 * @param used null where Salesforce does not meter it
 */
public record EntitlementUse(
    String entitlement,
    String setting,
    String frequency,
    double allowed,
    Double used,
    Double usage,
    Level level)
    implements Meter {
  public static EntitlementUse of(
      String entitlement, String setting, String frequency, double allowed, Double used) {
    Double usage = used == null ? null : Level.usage(used, allowed);
    return new EntitlementUse(
        entitlement, setting, frequency, allowed, used, usage, Level.of(usage, Level.LIMIT));
  }

  @Override
  public String label() {
    return entitlement;
  }

  @Override
  public Double amountUsed() {
    return used;
  }

  @Override
  public double amountCap() {
    return allowed;
  }
}
