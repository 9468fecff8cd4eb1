package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.time.Instant;

/** The frame of every page: head with the inline stylesheet, top bar, footer. */
public final class Shell {
  /** A gauge as the tab icon; a data: URI, so the browser asks for no /favicon.ico. */
  private static final String ICON =
      "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
          + "%3Crect width='16' height='16' rx='3' fill='%230969da'/%3E"
          + "%3Crect x='3' y='9' width='2' height='4' fill='%23fff'/%3E"
          + "%3Crect x='7' y='6' width='2' height='7' fill='%23fff'/%3E"
          + "%3Crect x='11' y='3' width='2' height='10' fill='%23fff'/%3E%3C/svg%3E";

  private Shell() {}

  static String page(
      String title, String version, boolean demo, String json, Instant now, String body) {
    StringBuilder out = new StringBuilder(body.length() + Style.CSS.length() + 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><link rel=\"icon\" href=\"")
        .append(ICON)
        .append("\"><style>")
        .append(Style.CSS)
        .append("</style></head>\n<body>\n<header class=\"top\"><a class=\"brand\" href=\"/\">")
        .append("Salesforce Exporter</a>");
    if (demo) {
      out.append("<span class=\"badge\">demo: a simulated org</span>");
    }
    out.append("<nav aria-label=\"Exporter\"><a href=\"/\">All orgs</a>")
        .append("<a href=\"/metrics\">Metrics</a><a href=\"")
        .append(escape(json))
        .append("\">JSON</a><a href=\"/-/healthy\">Health</a></nav></header>\n<main>\n")
        .append(body)
        .append("</main>\n<footer>Version ")
        .append(escape(version))
        .append(" · figures from the exporter's cache as of ")
        .append(Human.utc(now))
        .append(". Opening this page never calls Salesforce: values are read when Prometheus")
        .append(" scrapes <a href=\"/metrics\">/metrics</a>. Thresholds are those of the")
        .append(" bundled alerts: API requests 60 % / 80 %, other limits 80 % / 95 %, licences")
        .append(" 90 % / 100 %.</footer>\n</body></html>\n");
    return out.toString();
  }

  /** The state pill: the word is the information, the colour only repeats it. */
  static String pill(Health health) {
    String state = health.state().name().toLowerCase(java.util.Locale.ROOT);
    String word =
        switch (health.state()) {
          case UP -> "Up";
          case DOWN -> "Down";
          case STALE -> "Stale";
          case WAITING -> "Not read yet";
        };
    return "<span class=\"pill " + state + "\">" + word + "</span>";
  }

  /** Why an org is not up, in a sentence, or empty. */
  static String problem(Health health, Instant now) {
    return switch (health.state()) {
      case UP -> "";
      case WAITING ->
          "<p class=\"note\">No figures yet: the exporter reads Salesforce when Prometheus scrapes"
              + " <a href=\"/metrics\">/metrics</a>.</p>";
      case STALE ->
          "<p class=\"problem stale\">No refresh since "
              + Human.time(health.dataFrom(), now)
              + ": is Prometheus still scraping this exporter?</p>";
      case DOWN ->
          "<p class=\"problem\"><strong>"
              + escape(health.reason())
              + "</strong>, "
              + health.failuresInARow()
              + " failed in a row; next attempt "
              + Human.time(health.nextAttemptAt(), now)
              + ": "
              + escape(health.error())
              + (health.dataFrom() == null
                  ? " No values yet"
                  : " Showing the last good values, from " + Human.time(health.dataFrom(), now))
              + ".</p>";
    };
  }

  /** The token source's state when it is not plain "ok": refused or stopped sign-ins. */
  static String signIn(Connection connection) {
    return "ok".equals(connection.authState())
        ? ""
        : "<p class=\"problem\">Sign-in: " + escape(connection.authState()) + "</p>\n";
  }

  /**
   * Path of an org's page: the name as one path segment, or as {@code ?name=} when it holds what
   * Jetty refuses in a path even encoded (a slash, a percent sign, a backslash, a dot segment).
   */
  public static String orgPath(String prefix, String org) {
    String encoded =
        java.net.URLEncoder.encode(org, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    boolean pathSafe =
        !org.contains("/") && !org.contains("%") && !org.contains("\\") && !org.matches("\\.{1,2}");
    return pathSafe ? prefix + encoded : prefix + "?name=" + encoded;
  }
}
