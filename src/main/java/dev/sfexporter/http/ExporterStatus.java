package dev.sfexporter.http;

import dev.sfexporter.http.pages.OrgGlance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the landing pages and {@code /api/v1/orgs} show, read from the exporter's cached state:
 * reading it never calls Salesforce, and nothing in it may be a secret.
 */
public interface ExporterStatus {

  String version();

  boolean demo();

  /** The time the figures are shown at, for "3 min ago". */
  Instant now();

  List<OrgGlance> orgs();

  Optional<OrgGlance> org(String name);
}
