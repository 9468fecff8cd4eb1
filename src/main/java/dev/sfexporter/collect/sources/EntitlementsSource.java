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
 * The {@code entitlements} source: Setup → Company Information → Usage-based Entitlements ({@code
 * TenantUsageEntitlement}): monthly API requests, platform events, credits and the rest.
 */
public final class EntitlementsSource implements Source<List<EntitlementsSource.Entitlement>> {
  public static final EntitlementsSource INSTANCE = new EntitlementsSource();

  static final String ALLOWED = "salesforce_entitlement_allowed";
  static final String USED = "salesforce_entitlement_used";
  static final String QUERY =
      "SELECT MasterLabel, Setting, Frequency, CurrentAmountAllowed, AmountUsed"
          + " FROM TenantUsageEntitlement";

  /**
   * @param used null where Salesforce does not meter the entitlement: never a made-up 0
   */
  public record Entitlement(
      String label, String setting, String frequency, double allowed, Double used) {}

  private static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          Families.gauge(
              ALLOWED,
              "Amount allowed of a usage-based entitlement (TenantUsageEntitlement) per its"
                  + " frequency.",
              "org",
              "entitlement",
              "setting",
              "frequency"),
          Families.gauge(
              USED,
              "Amount used of a usage-based entitlement; absent where Salesforce does not meter"
                  + " it.",
              "org",
              "entitlement",
              "setting",
              "frequency"));

  private EntitlementsSource() {}

  @Override
  public String name() {
    return Sources.ENTITLEMENTS;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return FAMILIES;
  }

  @Override
  public CompletableFuture<List<Entitlement>> fetch(
      OrgClient client, SourceConfig settings, List<Entitlement> previous, Deadline deadline) {
    return explained(Soql.records(client, QUERY, deadline)).thenApply(EntitlementsSource::read);
  }

  private static List<Entitlement> read(List<JsonObject> records) {
    List<Entitlement> entitlements = new ArrayList<>();
    for (JsonObject record : records) {
      String label = Soql.text(record, "MasterLabel");
      Double allowed = Soql.number(record, "CurrentAmountAllowed");
      if (label != null && allowed != null) {
        entitlements.add(
            new Entitlement(
                label,
                nonNull(Soql.text(record, "Setting")),
                nonNull(Soql.text(record, "Frequency")),
                allowed,
                Soql.number(record, "AmountUsed")));
      }
    }
    return List.copyOf(entitlements);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  @Override
  public void write(SampleSink out, String org, List<Entitlement> entitlements) {
    for (Entitlement e : entitlements) {
      Labels labels =
          Labels.of(
              "org",
              org,
              "entitlement",
              e.label(),
              "setting",
              e.setting(),
              "frequency",
              e.frequency());
      out.gauge(ALLOWED, labels, e.allowed());
      if (e.used() != null) {
        out.gauge(USED, labels, e.used());
      }
    }
  }

  @Override
  public int callsPerRefresh() {
    return 1;
  }

  @Override
  public String permission() {
    return "View Setup and Configuration (and an edition that has usage-based entitlements)";
  }
}
