package dev.sfexporter.testing;

import static dev.sfexporter.testing.TestOrgs.base;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.OutboundConfig;
import dev.sfexporter.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Orgs with the shipped defaults (5 m refresh, 1 h staleness) against MockWebServers. */
public final class OrgFixtures {
  public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private OrgFixtures() {}

  /** Answers the token endpoint and /services/data/ itself, and /limits with {@code limits}. */
  public static Dispatcher org(MockWebServer server, AtomicReference<MockResponse> limits) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/token")) {
          return Samples.token("00Dsession", base(server).toString());
        }
        return path.equals("/services/data/") ? Samples.versions() : limits.get();
      }
    };
  }

  /** Org "prod" with the shipped defaults, the given sign-in and the given sources. */
  public static OrgConfig prod(
      MockWebServer server,
      AuthConfig auth,
      java.util.Map<String, dev.sfexporter.config.SourceConfig> sources) {
    return new OrgConfig(
        "prod",
        base(server),
        "64.0",
        FIVE_MINUTES,
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        auth,
        sources);
  }

  /** The same with a client-credentials sign-in. */
  public static OrgConfig prod(
      MockWebServer server, java.util.Map<String, dev.sfexporter.config.SourceConfig> sources) {
    return prod(server, new AuthConfig.ClientCredentials("cid", new Secret("cs"), false), sources);
  }

  /** The token answer for the token endpoint, the sample /limits for /limits, else null. */
  public static MockResponse tokenOrLimits(MockWebServer server, RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.endsWith("/token")) {
      return Samples.token("00Dsession", base(server).toString());
    }
    return path.endsWith("/limits") ? Samples.limits() : null;
  }

  public static OrgConfig clientCredentials(String name, MockWebServer server) {
    return new OrgConfig(
        name,
        base(server),
        "64.0",
        FIVE_MINUTES,
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        new AuthConfig.ClientCredentials("cid-" + name, new Secret("secret-" + name), false));
  }

  public static ExporterConfig config(OrgConfig... orgs) {
    return new ExporterConfig(
        ":0",
        "64.0",
        FIVE_MINUTES,
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        OutboundConfig.DIRECT,
        List.of(orgs));
  }

  /** The requests the server got since the last drain. */
  public static List<RecordedRequest> drain(MockWebServer server) throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    RecordedRequest next;
    while ((next = server.takeRequest(0, TimeUnit.SECONDS)) != null) {
      all.add(next);
    }
    return all;
  }

  public static long count(List<RecordedRequest> seen, String pathEnd) {
    return seen.stream().filter(r -> r.getUrl().encodedPath().endsWith(pathEnd)).count();
  }
}
