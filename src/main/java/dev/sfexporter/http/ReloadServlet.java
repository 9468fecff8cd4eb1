package dev.sfexporter.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /-/reload}: 200 when the new configuration is in force, 400 with the problems when it
 * was rejected (the old one keeps serving). Never a 500 for a bad file.
 */
final class ReloadServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient Reloader reloader;

  ReloadServlet(Reloader reloader) {
    this.reloader = reloader;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Reloader.Outcome outcome = reloader.reload();
    response.setStatus(outcome.applied() ? 200 : 400);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write(outcome.message() + "\n");
  }
}
