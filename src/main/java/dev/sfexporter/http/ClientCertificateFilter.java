package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * With client certificates required, loopback connections may complete the handshake without one
 * (see {@link LoopbackProbeTls}) so that the container's HEALTHCHECK works; such a connection gets
 * {@code /-/healthy} and nothing else.
 */
final class ClientCertificateFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  static final String PROBE_PATH = "/-/healthy";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute("jakarta.servlet.request.X509Certificate") == null
        && !PROBE_PATH.equals(request.getRequestURI())) {
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          "a client certificate is required; without one only " + PROBE_PATH + " answers");
      return;
    }
    chain.doFilter(request, response);
  }
}
