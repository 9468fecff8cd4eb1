package dev.sfexporter.http;

import dev.sfexporter.http.pages.OrgGlance;
import dev.sfexporter.http.pages.OrgPage;
import dev.sfexporter.http.pages.OverviewPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** {@code /}: every org at a glance; {@code /org/<name>}: one org in full. Reads cache only. */
final class LandingPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String ORG_PREFIX = "/org/";
  private static final String HTML = "text/html; charset=utf-8";
  private final transient ExporterStatus status;

  LandingPageServlet(ExporterStatus status) {
    this.status = status;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Instant now = status.now();
    if ("/".equals(path)) {
      PageHeaders.apply(response, HTML);
      response
          .getWriter()
          .write(OverviewPage.render(status.version(), status.demo(), now, status.orgs()));
      return;
    }
    String name =
        path.equals(ORG_PREFIX)
            ? request.getParameter("name")
            : path.startsWith(ORG_PREFIX) ? path.substring(ORG_PREFIX.length()) : null;
    if (name != null && !name.isEmpty()) {
      Optional<OrgGlance> org = status.org(name);
      PageHeaders.apply(response, HTML);
      if (org.isEmpty()) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response
            .getWriter()
            .write(
                OrgPage.notFound(
                    status.version(),
                    status.demo(),
                    now,
                    name,
                    status.orgs().stream().map(OrgGlance::name).toList()));
        return;
      }
      response
          .getWriter()
          .write(
              OrgPage.render(
                  status.version(), status.demo(), now, org.get(), request.getParameter("sort")));
      return;
    }
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}
