package dev.sfexporter.http.pages;

import static dev.sfexporter.http.Html.escape;

/**
 * One allocation as a row: its name, its figures as text, and a bar whose width is its usage. The
 * bar is a {@code role="meter"} carrying the same figures, so a screen reader reads them too.
 */
final class Bars {
  private Bars() {}

  static void row(StringBuilder out, Meter meter, String unitSuffix) {
    out.append("<li class=\"meter\"><div class=\"line\"><span class=\"name\">")
        .append(escape(meter.label()))
        .append("</span><span class=\"fig\">");
    Double usage = meter.usage();
    if (meter.amountUsed() == null) {
      out.append(number(meter.amountCap())).append(" allowed").append(escape(unitSuffix));
      out.append(" · not metered</span></div></li>\n");
      return;
    }
    if (usage == null) {
      out.append(number(meter.amountUsed())).append(" used · no cap (max 0)</span></div></li>\n");
      return;
    }
    String figures = number(meter.amountUsed()) + " of " + number(meter.amountCap()) + unitSuffix;
    out.append(escape(figures))
        .append(" · <b class=\"")
        .append(meter.level().css())
        .append("\">")
        .append(escape(Human.percent(usage)))
        .append("</b></span></div>");
    bar(out, meter.label(), usage, meter.level().css(), "used: " + figures, false);
    out.append("</li>\n");
  }

  /**
   * @param label what the bar measures, for its accessible name
   * @param css the fill's colour class
   * @param text the figures a screen reader says after the percentage
   */
  static void bar(
      StringBuilder out, String label, double usage, String css, String text, boolean thick) {
    double percent = Math.round(usage * 1000) / 10.0;
    String level = css.equals("ok") || css.equals("share") ? "" : ", " + css;
    out.append("<div class=\"bar")
        .append(thick ? " thick" : "")
        .append("\" role=\"meter\" aria-label=\"")
        .append(escape(label))
        .append("\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"")
        .append(Math.min(100, percent))
        .append("\" aria-valuetext=\"")
        .append(escape(Human.percent(usage) + level + ", " + text))
        .append("\"><div class=\"fill ")
        .append(css)
        .append(" w")
        .append(width(usage))
        .append("\"></div></div>");
  }

  /**
   * The org's daily API requests as both pages show them: the figures in large type, then their
   * bar.
   */
  static void dailyApiRequests(StringBuilder out, Allocation daily) {
    String figures = Human.number(daily.used()) + " of " + Human.number(daily.max());
    out.append("<p class=\"big\">Used <strong>")
        .append(Human.number(daily.used()))
        .append("</strong> of ")
        .append(Human.number(daily.max()))
        .append(" in the last 24 h · <b>")
        .append(escape(Human.percent(daily.usage())))
        .append("</b></p>");
    bar(out, "DailyApiRequests", daily.usage(), daily.level().css(), "used: " + figures, true);
  }

  /** The bar's width class: whole percent, 0 to 100 (an org over its cap fills the bar). */
  static int width(double usage) {
    return (int) Math.max(0, Math.min(100, Math.round(usage * 100)));
  }

  private static String number(double value) {
    return Human.number(value);
  }
}
