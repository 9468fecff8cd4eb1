package dev.sfexporter.collect.sources;

import com.google.gson.JsonObject;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.Soql;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code licenses} source: the Active user licences (Setup → Company Information → User
 * Licenses) and permission set licences, each as total and used.
 */
public final class LicensesSource implements Source<List<LicensesSource.License>> {
  public static final LicensesSource INSTANCE = new LicensesSource();

  static final String MAX = "salesforce_license_max";
  static final String USED = "salesforce_license_used";
  static final String USER_LICENSES =
      "SELECT Name, MasterLabel, Status, TotalLicenses, UsedLicenses FROM UserLicense";
  static final String PERMISSION_SET_LICENSES =
      "SELECT DeveloperName, MasterLabel, Status, TotalLicenses, UsedLicenses"
          + " FROM PermissionSetLicense";

  /**
   * @param type {@code user} or {@code permission_set}
   */
  public record License(String name, String type, double total, double used) {}

  private static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          Families.gauge(
              MAX,
              "Total licences of an Active licence type (UserLicense or PermissionSetLicense).",
              "org",
              "license",
              "type"),
          Families.gauge(
              USED, "Used licences of an Active licence type.", "org", "license", "type"));

  private LicensesSource() {}

  @Override
  public String name() {
    return Sources.LICENSES;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return FAMILIES;
  }

  @Override
  public CompletableFuture<List<License>> fetch(
      OrgClient client, SourceConfig settings, List<License> previous, Deadline deadline) {
    List<License> licenses = new ArrayList<>();
    return explained(
        Soql.records(client, USER_LICENSES, deadline)
            .thenCompose(
                users -> {
                  read(users, "Name", "user", licenses);
                  return Soql.records(client, PERMISSION_SET_LICENSES, deadline);
                })
            .thenApply(
                permissionSets -> {
                  read(permissionSets, "MasterLabel", "permission_set", licenses);
                  return merged(licenses);
                }));
  }

  /** Two licence rows with one label (permission set licences can share one) count as one. */
  private static List<License> merged(List<License> licenses) {
    java.util.Map<List<String>, License> byKey = new java.util.LinkedHashMap<>();
    for (License l : licenses) {
      byKey.merge(
          List.of(l.name(), l.type()),
          l,
          (a, b) -> new License(a.name(), a.type(), a.total() + b.total(), a.used() + b.used()));
    }
    return List.copyOf(byKey.values());
  }

  /** Disabled licence types are history, not allocations: they are left out. */
  private static void read(
      List<JsonObject> records, String nameField, String type, List<License> into) {
    for (JsonObject record : records) {
      String name = Soql.text(record, nameField);
      Double total = Soql.number(record, "TotalLicenses");
      Double used = Soql.number(record, "UsedLicenses");
      if (name != null
          && total != null
          && used != null
          && "Active".equalsIgnoreCase(Soql.text(record, "Status"))) {
        into.add(new License(name, type, total, used));
      }
    }
  }

  @Override
  public void write(SampleSink out, String org, List<License> licenses) {
    for (License license : licenses) {
      Labels labels = Labels.of("org", org, "license", license.name(), "type", license.type());
      out.gauge(MAX, labels, license.total());
      out.gauge(USED, labels, license.used());
    }
  }

  @Override
  public int callsPerRefresh() {
    return 2;
  }

  @Override
  public String permission() {
    return "View Setup and Configuration";
  }
}
