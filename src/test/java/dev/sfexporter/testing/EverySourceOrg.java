package dev.sfexporter.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.OrgConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** An org with every source on, and a MockWebServer that answers them all. */
public final class EverySourceOrg {
  private static final JsonObject QUERIES =
      JsonParser.parseString(Samples.resource("/salesforce/query-samples.json")).getAsJsonObject();

  private EverySourceOrg() {}

  /** An org with the shipped defaults: every source on. */
  public static OrgConfig config(String name, MockWebServer server) {
    OrgConfig limitsOnly = OrgFixtures.clientCredentials(name, server);
    return new OrgConfig(
        name,
        limitsOnly.loginUrl(),
        limitsOnly.apiVersion(),
        limitsOnly.refreshInterval(),
        limitsOnly.timeout(),
        limitsOnly.maxStaleness(),
        limitsOnly.auth(),
        Map.of());
  }

  /** Every source answers: /limits with {@code limits}, the rest with the documented samples. */
  public static Dispatcher dispatcher(MockWebServer server, AtomicReference<MockResponse> limits) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String query = request.getUrl().queryParameter("q");
        if (path.endsWith("/limits")) {
          return limits.get();
        }
        MockResponse common = OrgFixtures.tokenOrLimits(server, request);
        if (common != null) {
          return common;
        }
        if (path.endsWith("/limits/recordCount")) {
          return Samples.json(200, Samples.resource("/salesforce/recordcount-sample.json"));
        }
        if (path.contains("/query/01gxx")) {
          return sample("userlicense_page_2");
        }
        if (path.endsWith("/LogFile")) {
          return new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "text/csv")
              .body(Samples.resource("/salesforce/apitotalusage-sample.csv"))
              .build();
        }
        if (query == null) {
          return Samples.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]");
        }
        for (String[] route :
            List.of(
                new String[] {"FROM EventLogFile", "eventlogfile_apitotalusage"},
                new String[] {"FROM UserLicense", "userlicense_page_1"},
                new String[] {"FROM PermissionSetLicense", "permissionsetlicense"},
                new String[] {"FROM TenantUsageEntitlement", "tenantusageentitlement"})) {
          if (query.contains(route[0])) {
            return sample(route[1]);
          }
        }
        return sample("organization");
      }
    };
  }

  private static MockResponse sample(String name) {
    return Samples.json(200, QUERIES.getAsJsonObject(name).get("body").toString());
  }
}
