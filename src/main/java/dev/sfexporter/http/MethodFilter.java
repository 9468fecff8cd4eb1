package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Only GET and HEAD read anything here; POST only where a path takes it. Everything else (TRACE,
 * which would echo headers back, PUT, DELETE …) gets 405 with an Allow header.
 */
final class MethodFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private final Set<String> postPaths;

  MethodFilter(Set<String> postPaths) {
    this.postPaths = postPaths;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String method = request.getMethod();
    boolean post = postPaths.contains(request.getRequestURI());
    boolean allowed = post ? method.equals("POST") : method.equals("GET") || method.equals("HEAD");
    if (!allowed) {
      response.setHeader("Allow", post ? "POST" : "GET, HEAD");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    chain.doFilter(request, response);
  }
}
