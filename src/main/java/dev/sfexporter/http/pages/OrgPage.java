package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code /org/<name>}: one org in full, every list sorted by {@code ?sort=usage|name}. */
public final class OrgPage {
  private OrgPage() {}

  public static String render(
      String version, boolean demo, Instant now, OrgGlance org, String sortParam) {
    Sorting sort = Sorting.of(sortParam);
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"head\"><h1>")
        .append(escape(org.name()))
        .append("</h1>")
        .append(Shell.pill(org.health()))
        .append("</div>\n<p class=\"meta\">")
        .append(escape(OverviewPage.facts(org.connection())));
    if (org.health().dataFrom() != null) {
      out.append(" · figures from ").append(Human.time(org.health().dataFrom(), now));
    }
    out.append("</p>\n").append(Shell.problem(org.health(), now));
    out.append(Shell.signIn(org.connection()));
    String self = Shell.orgPath("/org/", org.name());
    String sortHref = self + (self.contains("?") ? "&sort=" : "?sort=");
    out.append("<p class=\"sort\">Sort lists by: ");
    for (Sorting each : Sorting.values()) {
      out.append(each == Sorting.USAGE ? "" : " · ")
          .append("<a href=\"")
          .append(escape(sortHref))
          .append(each.param)
          .append('"')
          .append(each == sort ? " aria-current=\"true\"" : "")
          .append('>')
          .append(each.label)
          .append("</a>");
    }
    out.append("</p>\n");
    Allocation daily = org.dailyApiRequests();
    if (daily != null && daily.usage() != null) {
      open(out, "API requests");
      Bars.dailyApiRequests(out, daily);
      out.append("</section>\n");
    }
    if (org.limits() != null) {
      meters(out, "Limits (" + org.limits().size() + ")", org.limits(), sort, "");
    }
    if (org.licenses() != null) {
      meters(out, "User licences", byType(org.licenses(), "user"), sort, "");
      meters(out, "Permission set licences", byType(org.licenses(), "permission_set"), sort, "");
    }
    if (org.entitlements() != null) {
      open(out, "Usage-based entitlements (" + org.entitlements().size() + ")");
      list(out, org.entitlements(), sort, e -> " (" + e.frequency() + ")");
      out.append("</section>\n");
    }
    if (org.apiConsumers() != null) {
      consumers(out, org.apiConsumers(), sort);
    }
    open(out, "Sources");
    SourcesTable.render(out, org.sources(), now);
    out.append("</section>\n");
    open(out, "Connection");
    SourcesTable.connection(out, org.connection(), org.ownCalls());
    out.append("</section>\n");
    open(out, "This exporter's own calls");
    OwnCallsTable.render(out, org.ownCalls(), now);
    out.append("</section>\n");
    return Shell.page(
        org.name() + " · Salesforce org",
        version,
        demo,
        Shell.orgPath("/api/v1/orgs/", org.name()),
        now,
        out.toString());
  }

  /** The page for a name no org has: 404, with the names there are. */
  public static String notFound(
      String version, boolean demo, Instant now, String name, List<String> orgs) {
    StringBuilder out = new StringBuilder("<h1>No such org</h1>\n<p>No org is named <strong>");
    out.append(escape(name)).append("</strong>. The configured orgs are:</p>\n<ul>\n");
    for (String org : orgs) {
      out.append("<li><a href=\"")
          .append(escape(Shell.orgPath("/org/", org)))
          .append("\">")
          .append(escape(org))
          .append("</a></li>\n");
    }
    out.append("</ul>\n");
    return Shell.page("No such org", version, demo, "/api/v1/orgs", now, out.toString());
  }

  private static List<LicenseUse> byType(List<LicenseUse> licenses, String type) {
    return licenses.stream().filter(l -> l.type().equals(type)).toList();
  }

  private static void open(StringBuilder out, String title) {
    out.append("<section class=\"section wide\"><h2>").append(escape(title)).append("</h2>\n");
  }

  private static <M extends Meter> void meters(
      StringBuilder out, String title, List<M> all, Sorting sort, String unit) {
    open(out, title);
    list(out, all, sort, m -> unit);
    out.append("</section>\n");
  }

  private static <M extends Meter> void list(
      StringBuilder out, List<M> all, Sorting sort, java.util.function.Function<M, String> unit) {
    if (all.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n");
      return;
    }
    // Entries with no cap (Max 0: not available in this org) would bury the rest: folded away.
    List<M> capped =
        all.stream().filter(m -> m.amountCap() > 0).sorted(sort.<M>comparator()).toList();
    List<M> uncapped =
        all.stream().filter(m -> m.amountCap() <= 0).sorted(Sorting.byName()).toList();
    out.append("<ul class=\"meters\">\n");
    capped.forEach(m -> Bars.row(out, m, unit.apply(m)));
    out.append("</ul>\n");
    if (!uncapped.isEmpty()) {
      out.append("<details><summary class=\"note\">")
          .append(uncapped.size())
          .append(" more with Max 0 (not available in this org)</summary><ul class=\"meters\">\n");
      uncapped.forEach(m -> Bars.row(out, m, unit.apply(m)));
      out.append("</ul></details>\n");
    }
  }

  private static void consumers(StringBuilder out, Consumers consumers, Sorting sort) {
    open(out, "API consumers");
    if (consumers.periodStart() == null) {
      out.append("<p class=\"empty\">No ApiTotalUsage event log yet.</p></section>\n");
      return;
    }
    out.append("<p class=\"note\">");
    ConsumerRows.period(out, consumers)
        .append(", from the ApiTotalUsage event log.</p>\n<ul class=\"meters\">\n");
    Comparator<Consumers.Client> order =
        sort == Sorting.NAME
            ? Comparator.comparing(c -> c.client().toLowerCase(java.util.Locale.ROOT))
            : Comparator.comparingLong(Consumers.Client::requests).reversed();
    consumers.clients().stream().sorted(order).forEach(c -> ConsumerRows.row(out, c));
    out.append("</ul></section>\n");
  }
}
