package dev.sfexporter.testing;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;

/** Org configurations pointing at MockWebServers. */
public final class TestOrgs {
  public static final Duration HOUR = Duration.ofHours(1);

  private TestOrgs() {}

  public static URI base(MockWebServer server) {
    String url = server.url("/").toString();
    return URI.create(url.substring(0, url.length() - 1));
  }

  /** An org with a given token, refreshing at most once an hour unless the clock moves. */
  public static OrgConfig givenToken(String name, MockWebServer server) {
    return new OrgConfig(
        name,
        base(server),
        "64.0",
        HOUR,
        Duration.ofSeconds(5),
        new AuthConfig.AccessToken(new Secret("given-token-" + name), base(server)));
  }

  public static OrgConfig clientCredentials(String name, MockWebServer server, String secret) {
    return new OrgConfig(
        name,
        base(server),
        "64.0",
        HOUR,
        Duration.ofSeconds(5),
        new AuthConfig.ClientCredentials("client-id-" + name, new Secret(secret), false));
  }

  public static ExporterConfig config(Duration scrapeTimeout, OrgConfig... orgs) {
    return new ExporterConfig(":0", "64.0", HOUR, scrapeTimeout, List.of(orgs));
  }

  public static ExporterConfig config(OrgConfig... orgs) {
    return config(Duration.ofSeconds(5), orgs);
  }
}
