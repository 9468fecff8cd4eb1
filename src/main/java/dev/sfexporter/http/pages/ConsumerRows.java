package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

import java.util.stream.Collectors;

/** An API consumer as a row: its calls, and a bar of its share of the period's calls. */
final class ConsumerRows {
  private ConsumerRows() {}

  /** "N calls in the 24 h from 21 Nov 2026": which log period the consumers cover. */
  static StringBuilder period(StringBuilder out, Consumers consumers) {
    return out.append(Human.number(consumers.requests()))
        .append(" calls in the ")
        .append(Human.span(java.time.Duration.ofSeconds(consumers.periodSeconds())))
        .append(" from ")
        .append(Human.day(consumers.periodStart()));
  }

  static void row(StringBuilder out, Consumers.Client client) {
    String figures =
        Human.number(client.requests())
            + " calls"
            + (client.counted() == client.requests()
                ? ""
                : ", " + Human.number(client.counted()) + " counted against the limit");
    out.append("<li class=\"meter\"><div class=\"line\"><span class=\"name\">")
        .append(escape(client.client()))
        .append("</span><span class=\"fig\">")
        .append(escape(figures))
        .append(" · <b>")
        .append(escape(Human.percent(client.share())))
        .append("</b></span></div>");
    Bars.bar(out, client.client(), client.share(), "share", figures + " of the period", false);
    out.append("<div class=\"note\">")
        .append(
            escape(
                client.byFamily().stream()
                    .map(
                        f ->
                            f.apiFamily()
                                + " "
                                + Human.number(f.requests())
                                + (f.countsAgainstLimit() ? "" : " (not counted)"))
                    .collect(Collectors.joining(" · "))))
        .append("</div></li>\n");
  }
}
