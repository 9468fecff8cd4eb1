package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.time.Instant;
import java.util.List;

/** {@code /}: every org at a glance, one card each. */
public final class OverviewPage {
  static final int TOP_LIMITS = 10;
  static final int TOP_CONSUMERS = 5;

  private OverviewPage() {}

  public static String render(String version, boolean demo, Instant now, List<OrgGlance> orgs) {
    StringBuilder out = new StringBuilder();
    out.append("<h1 class=\"vh\">Salesforce orgs at a glance</h1>\n<p class=\"summary\">");
    out.append(orgs.size()).append(orgs.size() == 1 ? " org" : " orgs");
    for (Health.State state : Health.State.values()) {
      long count = orgs.stream().filter(o -> o.health().state() == state).count();
      if (count > 0 && orgs.size() > 1) {
        out.append(" · ").append(count).append(' ').append(state.name().toLowerCase());
      }
    }
    out.append("</p>\n<div class=\"orgs\">\n");
    for (int i = 0; i < orgs.size(); i++) {
      card(out, orgs.get(i), "org-" + i, now);
    }
    if (orgs.isEmpty()) {
      out.append("<p class=\"empty\">No org is configured.</p>");
    }
    out.append("</div>\n");
    return Shell.page(
        "Salesforce orgs at a glance", version, demo, "/api/v1/orgs", now, out.toString());
  }

  private static void card(StringBuilder out, OrgGlance org, String id, Instant now) {
    String href = Shell.orgPath("/org/", org.name());
    out.append("<section class=\"card\" aria-labelledby=\"")
        .append(id)
        .append("\"><div class=\"head\"><h2 id=\"")
        .append(id)
        .append("\"><a href=\"")
        .append(escape(href))
        .append("\">")
        .append(escape(org.name()))
        .append("</a></h2>")
        .append(Shell.pill(org.health()))
        .append("</div>\n<p class=\"meta\">")
        .append(escape(facts(org.connection())));
    if (org.health().dataFrom() != null) {
      out.append(" · figures from ").append(Human.time(org.health().dataFrom(), now));
    }
    out.append("</p>\n").append(Shell.problem(org.health(), now));
    out.append(Shell.signIn(org.connection()));
    sourceProblems(out, org, now);
    daily(out, org.dailyApiRequests());
    out.append("<div class=\"cols\">\n");
    if (org.limits() != null && !org.limits().isEmpty()) {
      List<Allocation> top =
          org.limits().stream()
              .filter(a -> a.app() == null && a.usage() != null)
              .filter(a -> !Allocation.DAILY_API_REQUESTS.equals(a.limit()))
              .sorted(Sorting.byUsage())
              .limit(TOP_LIMITS)
              .toList();
      out.append("<div class=\"group\"><h3>Closest to their caps</h3>\n<ul class=\"meters\">\n");
      top.forEach(a -> Bars.row(out, a, ""));
      out.append("</ul></div>\n");
    }
    nearFull(out, "Licences", org.licenses(), Level.LICENSE[0]);
    nearFull(out, "Entitlements", org.entitlements(), Level.LIMIT[0]);
    consumers(out, org.apiConsumers(), now);
    out.append("</div>\n");
    own(out, org.ownCalls(), now);
    out.append("<a class=\"more\" href=\"")
        .append(escape(href))
        .append("\">Every limit, licence and consumer of ")
        .append(escape(org.name()))
        .append(" →</a></section>\n");
  }

  /** E.g. "Enterprise Edition · NA224 · sandbox", from the org source and the token answer. */
  static String facts(Connection c) {
    StringBuilder facts = new StringBuilder();
    if (c.edition() != null && !c.edition().isEmpty()) {
      facts.append(c.edition());
    }
    if (c.instance() != null && !c.instance().isEmpty()) {
      facts.append(facts.length() == 0 ? "" : " · ").append(c.instance());
    }
    if (Boolean.TRUE.equals(c.sandbox())) {
      facts.append(facts.length() == 0 ? "" : " · ").append("sandbox");
    }
    return facts.length() == 0 ? c.loginUrl() : facts.toString();
  }

  /** Sources other than limits that are down: their figures may be missing or old. */
  private static void sourceProblems(StringBuilder out, OrgGlance org, Instant now) {
    for (SourceStatus source : org.sources()) {
      if (source.state().equals("down") && !source.source().equals("limits")) {
        out.append("<p class=\"problem stale\">The <strong>")
            .append(escape(source.source()))
            .append("</strong> source is down (")
            .append(escape(source.reason()))
            .append("): ")
            .append(escape(source.error()))
            .append(
                source.lastSuccessAt() == null
                    ? ""
                    : " Last good answer " + Human.time(source.lastSuccessAt(), now) + ".")
            .append("</p>\n");
      }
    }
  }

  private static void daily(StringBuilder out, Allocation daily) {
    if (daily == null || daily.usage() == null) {
      return;
    }
    out.append("<h3>API requests</h3>\n");
    Bars.dailyApiRequests(out, daily);
    out.append('\n');
  }

  private static <M extends Meter> void nearFull(
      StringBuilder out, String what, List<M> all, double threshold) {
    if (all == null || all.isEmpty()) {
      return;
    }
    List<M> full =
        all.stream()
            .filter(m -> m.usage() != null && m.usage() >= threshold)
            .sorted(Sorting.byUsage())
            .toList();
    out.append("<div class=\"group\"><h3>").append(what).append(" near full</h3>\n");
    if (full.isEmpty()) {
      out.append("<p class=\"empty\">None of ")
          .append(all.size())
          .append(" above ")
          .append(Math.round(threshold * 100))
          .append(" %.</p></div>\n");
      return;
    }
    out.append("<ul class=\"meters\">\n");
    full.forEach(m -> Bars.row(out, m, ""));
    out.append("</ul></div>\n");
  }

  private static void consumers(StringBuilder out, Consumers consumers, Instant now) {
    if (consumers == null || consumers.periodStart() == null) {
      return;
    }
    out.append("<div class=\"group\"><h3>Top API consumers</h3>\n<p class=\"note\">");
    ConsumerRows.period(out, consumers)
        .append(" (ApiTotalUsage event log)</p>\n<ul class=\"meters\">\n");
    consumers.clients().stream().limit(TOP_CONSUMERS).forEach(c -> ConsumerRows.row(out, c));
    out.append("</ul></div>\n");
  }

  private static void own(StringBuilder out, OwnCalls own, Instant now) {
    out.append("<p class=\"note\">This exporter's own calls: ")
        .append(Human.number(own.total()))
        .append(' ')
        .append(OwnCallsTable.window(own, now))
        .append(own.failed() == 0 ? "" : " (" + own.failed() + " failed)")
        .append("; about ")
        .append(Human.number(own.expectedApiPerDay()))
        .append(" API calls a day expected.</p>\n");
  }
}
