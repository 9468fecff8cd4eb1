package dev.sfexporter.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /}: version, the watched orgs and their state, a link to /metrics. */
final class LandingPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient ExporterStatus status;

  LandingPageServlet(ExporterStatus status) {
    this.status = status;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/".equals(request.getRequestURI())) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType("text/html; charset=utf-8");
    response.getWriter().write(render());
  }

  String render() {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<title>Salesforce Exporter</title><style>")
        .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
        .append(".up{color:#1a7f37}.down{color:#cf222e}</style></head><body>\n")
        .append("<h1>Salesforce Exporter</h1>\n<p>Version ")
        .append(Html.escape(status.version()))
        .append(status.demo() ? " &middot; <strong>demo mode</strong> (simulated org)" : "")
        .append("</p>\n<p><a href=\"/metrics\">Metrics</a> &middot; <a href=\"/-/healthy\">")
        .append("Health</a> &middot; <a href=\"/-/ready\">Ready</a></p>\n<h2>Orgs</h2>\n")
        .append("<table><tr><th>Org</th><th>Login URL</th><th>Auth</th><th>API</th>")
        .append("<th>Refresh</th><th>State</th><th>Last success</th><th>Last error</th>")
        .append("<th>Auth state</th></tr>\n");
    for (ExporterStatus.OrgRow org : status.orgs()) {
      String css = org.state().equals("up") ? "up" : org.state().equals("down") ? "down" : "";
      page.append("<tr><td>")
          .append(Html.escape(org.name()))
          .append("</td><td>")
          .append(Html.escape(org.loginUrl()))
          .append("</td><td>")
          .append(Html.escape(org.authType()))
          .append("</td><td>")
          .append(Html.escape(org.apiVersion()))
          .append("</td><td>")
          .append(Html.escape(org.refreshInterval()))
          .append("</td><td class=\"")
          .append(css)
          .append("\">")
          .append(Html.escape(org.state()))
          .append("</td><td>")
          .append(Html.escape(org.lastSuccess()))
          .append("</td><td>")
          .append(Html.escape(org.lastError()))
          .append("</td><td>")
          .append(Html.escape(org.authState()))
          .append("</td></tr>\n");
    }
    page.append("</table>\n</body></html>\n");
    return page.toString();
  }
}
