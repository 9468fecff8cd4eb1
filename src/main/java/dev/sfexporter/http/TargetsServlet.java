package dev.sfexporter.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /targets}: Prometheus HTTP service discovery, one target per configured org. The target's
 * address is this exporter as the caller reached it (the {@code Host} header), the labels are
 * {@code org} and {@code __param_org}, so Prometheus scrapes {@code /metrics?org=NAME}, and {@code
 * hashmod} relabelling on {@code org} can send each org to one of several replicas.
 */
final class TargetsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient Supplier<List<String>> orgNames;

  TargetsServlet(Supplier<List<String>> orgNames) {
    this.orgNames = orgNames;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String address = addressOf(request);
    JsonArray groups = new JsonArray();
    for (String org : orgNames.get()) {
      JsonObject labels = new JsonObject();
      labels.addProperty("org", org);
      labels.addProperty("__param_org", org);
      JsonArray targets = new JsonArray();
      targets.add(address);
      JsonObject group = new JsonObject();
      group.add("targets", targets);
      group.add("labels", labels);
      groups.add(group);
    }
    byte[] body = groups.toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * The address as the caller wrote it (without a port it is the scheme's default, as in the
   * caller's URL), or the local address when it sent no usable Host header.
   */
  static String addressOf(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host != null && host.matches("[A-Za-z0-9.\\-\\[\\]:_]+")) {
      return host;
    }
    String local = request.getLocalAddr();
    return (local.contains(":") ? "[" + local + "]" : local) + ":" + request.getLocalPort();
  }
}
