package dev.sfexporter.http.pages;

/**
 * An Active licence type, as {@code salesforce_license_*} exports it.
 *
 * @param type {@code user} or {@code permission_set}
 */
public record LicenseUse(
    String license, String type, double total, double used, Double usage, Level level)
    implements Meter {
  public static LicenseUse of(String license, String type, double total, double used) {
    Double usage = Level.usage(used, total);
    return new LicenseUse(license, type, total, used, usage, Level.of(usage, Level.LICENSE));
  }

  @Override
  public String label() {
    return license;
  }

  @Override
  public Double amountUsed() {
    return used;
  }

  @Override
  public double amountCap() {
    return total;
  }
}
