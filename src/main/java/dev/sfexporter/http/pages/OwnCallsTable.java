package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

/** The exporter's own calls to one org: the last day's and since start, per endpoint. */
final class OwnCallsTable {
  private OwnCallsTable() {}

  /** "in the last 24 h", or "since it began watching this org 2 h ago" for a younger window. */
  static String window(OwnCalls own, Instant now) {
    if (Duration.between(own.since(), now).compareTo(Duration.ofHours(23)) >= 0) {
      return "in the last 24 h";
    }
    return "since it began watching this org " + Human.relative(own.since(), now);
  }

  static void render(StringBuilder out, OwnCalls own, Instant now) {
    out.append("<p class=\"note\">")
        .append(Human.number(own.total()))
        .append(" calls ")
        .append(window(own, now))
        .append(own.failed() == 0 ? "" : ", " + own.failed() + " of them failed")
        .append(". Expected a day: ")
        .append(escape(own.expected()))
        .append(". Token and versions requests do not count against the org's API requests.</p>")
        .append("<div class=\"scroll\"><table><thead><tr><th>Endpoint</th>")
        .append("<th class=\"n\">Last 24 h</th><th class=\"n\">Failed</th>")
        .append("<th class=\"n\">Since start</th></tr></thead><tbody>\n");
    TreeSet<String> endpoints = new TreeSet<>(own.sinceStart().keySet());
    endpoints.addAll(own.requests().keySet());
    for (String endpoint : endpoints) {
      out.append("<tr><td>")
          .append(escape(endpoint))
          .append("</td><td class=\"n\">")
          .append(Human.number(own.requests().getOrDefault(endpoint, 0L)))
          .append("</td><td class=\"n\">")
          .append(Human.number(own.failures().getOrDefault(endpoint, 0L)))
          .append("</td><td class=\"n\">")
          .append(Human.number(own.sinceStart().getOrDefault(endpoint, 0L)))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }
}
