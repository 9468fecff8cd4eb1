package dev.sfexporter.http;

import dev.sfexporter.http.pages.GlanceJson;
import dev.sfexporter.http.pages.OrgGlance;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /api/v1/orgs} and {@code /api/v1/orgs/<name>}: the pages' view as JSON. */
final class OrgsApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String PATH = "/api/v1/orgs";
  private static final String JSON = "application/json; charset=utf-8";
  private final transient ExporterStatus status;

  OrgsApiServlet(ExporterStatus status) {
    this.status = status;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String rest = request.getPathInfo();
    PageHeaders.apply(response, JSON);
    String byParameter = request.getParameter("name"); // names a path cannot carry: see Shell
    if ((rest == null || rest.equals("/")) && byParameter == null) {
      response
          .getWriter()
          .write(GlanceJson.orgs(status.version(), status.demo(), status.now(), status.orgs()));
      return;
    }
    String name = byParameter != null ? byParameter : rest.substring(1);
    Optional<OrgGlance> org = status.org(name);
    if (org.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.getWriter().write(GlanceJson.error("no org is named " + name));
      return;
    }
    response.getWriter().write(GlanceJson.org(org.get()));
  }
}
