package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An org's sources and connection details, as tables for the org page. */
final class SourcesTable {
  private SourcesTable() {}

  static void render(StringBuilder out, List<SourceStatus> sources, Instant now) {
    out.append("<div class=\"scroll\"><table><thead><tr><th>Source</th><th>State</th>")
        .append("<th>Every</th><th>Last success</th><th>Next refresh due</th><th>Error</th>")
        .append("</tr></thead><tbody>\n");
    for (SourceStatus s : sources) {
      out.append("<tr><td>")
          .append(escape(s.source()))
          .append("</td><td>")
          .append(escape(s.state()))
          .append(s.reason() == null ? "" : " (" + escape(s.reason()) + ")")
          .append(s.failuresInARow() > 1 ? ", " + s.failuresInARow() + " failures in a row" : "")
          .append("</td><td>")
          .append(Human.span(Duration.ofSeconds(s.intervalSeconds())))
          .append("</td><td>")
          .append(Human.time(s.lastSuccessAt(), now))
          .append("</td><td>")
          .append(s.nextAttemptAt() == null ? "at the next scrape" : due(s.nextAttemptAt(), now))
          .append("</td><td>")
          .append(escape(s.error()))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  private static String due(Instant at, Instant now) {
    return at.isAfter(now) ? Human.time(at, now) : "now (at the next scrape)";
  }

  static void connection(StringBuilder out, Connection c, OwnCalls own) {
    out.append("<dl class=\"facts\">");
    fact(out, "Login URL", c.loginUrl());
    fact(out, "Auth type", c.authType());
    fact(out, "Auth state", c.authState());
    fact(
        out,
        "API version",
        c.apiVersion()
            + (c.apiVersionInUse() == null ? "" : " (using " + c.apiVersionInUse() + ")"));
    fact(out, "Org ID", c.orgId() == null || c.orgId().isEmpty() ? "—" : c.orgId());
    fact(out, "Instance URL", c.instanceUrl() == null ? "not signed in yet" : c.instanceUrl());
    fact(out, "Limits refreshed every", Human.span(Duration.ofSeconds(c.refreshIntervalSeconds())));
    fact(out, "Timeout", Human.span(Duration.ofSeconds(c.timeoutSeconds())));
    fact(out, "Last values kept for", Human.span(Duration.ofSeconds(c.maxStalenessSeconds())));
    fact(out, "Expected calls a day", own.expected());
    out.append("</dl>\n");
  }

  private static void fact(StringBuilder out, String name, String value) {
    out.append("<dt>")
        .append(escape(name))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>");
  }
}
