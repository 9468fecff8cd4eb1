package dev.sfexporter.collect.sources;

import com.google.gson.JsonObject;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.salesforce.Async;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.Soql;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code org} source: edition, instance and whether it is a sandbox, from {@code Organization}.
 * Its facts are labels of {@code salesforce_org_info}, which the collector writes.
 */
public final class OrgFactsSource implements Source<OrgFactsSource.OrgFacts> {
  public static final OrgFactsSource INSTANCE = new OrgFactsSource();
  static final String QUERY = "SELECT OrganizationType, InstanceName, IsSandbox FROM Organization";

  /** What Setup → Company Information says of the org itself. */
  public record OrgFacts(String edition, String instance, boolean sandbox) {}

  private OrgFactsSource() {}

  @Override
  public String name() {
    return Sources.ORG;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return List.of();
  }

  @Override
  public CompletableFuture<OrgFacts> fetch(
      OrgClient client, SourceConfig settings, OrgFacts previous, Deadline deadline) {
    return explained(Soql.records(client, QUERY, deadline))
        .thenApply(Async.checked(OrgFactsSource::read));
  }

  private static OrgFacts read(List<JsonObject> records) throws SalesforceException {
    if (records.size() != 1) {
      throw new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          200,
          "Organization query returned " + records.size() + " rows instead of 1");
    }
    JsonObject org = records.get(0);
    String edition = Soql.text(org, "OrganizationType");
    String instance = Soql.text(org, "InstanceName");
    return new OrgFacts(
        edition == null ? "" : edition,
        instance == null ? "" : instance,
        "true".equalsIgnoreCase(Soql.text(org, "IsSandbox")));
  }

  @Override
  public void write(SampleSink out, String org, OrgFacts value) {
    // Written as labels of salesforce_org_info, with the client's identity.
  }

  @Override
  public int callsPerRefresh() {
    return 1;
  }

  @Override
  public String permission() {
    return "View Setup and Configuration";
  }
}
