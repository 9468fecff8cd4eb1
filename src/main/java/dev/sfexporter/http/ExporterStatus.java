package dev.sfexporter.http;

import java.util.List;

/** What the landing page shows: nothing in here may be a secret. */
public interface ExporterStatus {

  /** One watched org as the landing page lists it. */
  record OrgRow(
      String name,
      String loginUrl,
      String authType,
      String apiVersion,
      String refreshInterval,
      String state,
      String lastSuccess,
      String lastError,
      String authState) {}

  String version();

  boolean demo();

  List<OrgRow> orgs();
}
