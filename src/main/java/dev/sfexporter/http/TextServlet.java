package dev.sfexporter.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code /-/healthy} and {@code /-/ready}: 200 with a word while the check holds, else 503. */
final class TextServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient BooleanSupplier check;
  private final String okText;
  private final String notOkText;

  TextServlet(BooleanSupplier check, String okText, String notOkText) {
    this.check = check;
    this.okText = okText;
    this.notOkText = notOkText;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean ok = check.getAsBoolean();
    response.setStatus(ok ? 200 : 503);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write((ok ? okText : notOkText) + "\n");
  }
}
