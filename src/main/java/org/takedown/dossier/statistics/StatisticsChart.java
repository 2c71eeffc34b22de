package org.takedown.dossier.statistics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.takedown.dossier.statistics.StatisticsReport.DurationRow;

/**
 * Horizontal bars, median and p90 side by side, drawn on the server as inline SVG: no script, and
 * colours as presentation attributes so a strict Content-Security-Policy leaves them alone. Every
 * bar carries its value as text too, and a title for screen readers.
 */
final class StatisticsChart {

  static final String MEDIAN = "#1456c8";
  static final String P90 = "#7fa3e0";
  static final String INK = "#1f1f1f";

  private StatisticsChart() {}

  static String svg(String title, List<DurationRow> rows, boolean labelByCountry) {
    double labelWidth = 190;
    double barArea = 420;
    double valueWidth = 90;
    double rowHeight = 34;
    double top = 34;
    double width = labelWidth + barArea + valueWidth;
    double height = top + Math.max(rows.size(), 1) * rowHeight + 8;
    long max = rows.stream().map(DurationRow::p90).filter(d -> d != null).mapToLong(Duration::toMillis).max().orElse(0);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"").append(escape(title))
        .append(": median and 90th percentile\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" width=\"100%\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"13\">");
    svg.append("<title>").append(escape(title)).append("</title>");
    // Legend.
    svg.append("<rect x=\"").append(n(labelWidth)).append("\" y=\"6\" width=\"14\" height=\"12\" fill=\"").append(MEDIAN).append("\"/>")
        .append("<text x=\"").append(n(labelWidth + 20)).append("\" y=\"16\" fill=\"").append(INK).append("\">median</text>")
        .append("<rect x=\"").append(n(labelWidth + 90)).append("\" y=\"6\" width=\"14\" height=\"12\" fill=\"").append(P90).append("\"/>")
        .append("<text x=\"").append(n(labelWidth + 110)).append("\" y=\"16\" fill=\"").append(INK).append("\">90th percentile (p90)</text>");
    if (rows.isEmpty()) {
      svg.append("<text x=\"0\" y=\"").append(n(top + 18)).append("\" fill=\"").append(INK).append("\">Nothing finished in this period.</text>");
    }
    double y = top;
    for (DurationRow row : rows) {
      String label = labelByCountry ? row.countryLabel() : row.item();
      svg.append("<g><title>").append(escape(label + ": median " + row.medianText() + ", p90 " + row.p90Text() + ", " + row.count()
          + (row.count() == 1 ? " case" : " cases"))).append("</title>");
      svg.append("<text x=\"").append(n(labelWidth - 8)).append("\" y=\"").append(n(y + 20)).append("\" text-anchor=\"end\" fill=\"")
          .append(INK).append("\">").append(escape(label)).append("</text>");
      bar(svg, labelWidth, y + 3, row.median(), max, barArea, MEDIAN, row.medianText());
      bar(svg, labelWidth, y + 17, row.p90(), max, barArea, P90, row.p90Text());
      svg.append("</g>");
      y += rowHeight;
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static void bar(StringBuilder svg, double x, double y, Duration value, long max, double area, String colour, String text) {
    double length = value == null || max == 0 ? 0 : Math.max(2, area * value.toMillis() / max);
    svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(length))
        .append("\" height=\"12\" fill=\"").append(colour).append("\"/>");
    svg.append("<text x=\"").append(n(x + length + 6)).append("\" y=\"").append(n(y + 11)).append("\" font-size=\"12\" fill=\"")
        .append(INK).append("\">").append(escape(text)).append("</text>");
  }

  private static String n(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
