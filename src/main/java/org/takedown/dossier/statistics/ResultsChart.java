package org.takedown.dossier.statistics;

import static org.takedown.dossier.statistics.StatisticsChart.INK;
import static org.takedown.dossier.statistics.StatisticsChart.escape;

import java.util.List;
import java.util.Locale;
import org.takedown.result.ResultFigures.Rate;

/**
 * Takedown rates as horizontal bars on a 0–100 % scale, one per row, drawn on the server as inline SVG like
 * {@link StatisticsChart}: no script, colours as attributes, every bar with its value as text and a title for screen
 * readers ("Germany: 4 of 5 indicators taken down (80 %), 5 reported").
 */
final class ResultsChart {

  static final String TAKEN_DOWN = "#1456c8";
  static final String TRACK = "#e3e8f0";
  /** More rows than this and the chart shows the largest ones; the table below it has them all. */
  static final int MAX_ROWS = 25;

  private ResultsChart() {}

  static String svg(String title, List<Rate> rows) {
    List<Rate> shown = rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
    double labelWidth = 190;
    double barArea = 340;
    double valueWidth = 190;
    double rowHeight = 24;
    double top = 30;
    double width = labelWidth + barArea + valueWidth;
    double height = top + Math.max(shown.size(), 1) * rowHeight + 8;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"").append(escape(title))
        .append(": share of the indicators routed that were taken down\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" width=\"100%\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"13\">");
    svg.append("<title>").append(escape(title)).append("</title>");
    svg.append("<text x=\"").append(n(labelWidth)).append("\" y=\"16\" fill=\"").append(INK).append("\">0 %</text>")
        .append("<text x=\"").append(n(labelWidth + barArea)).append("\" y=\"16\" text-anchor=\"end\" fill=\"").append(INK).append("\">100 %</text>");
    if (shown.isEmpty()) {
      svg.append("<text x=\"0\" y=\"").append(n(top + 16)).append("\" fill=\"").append(INK).append("\">No indicators routed in this period.</text>");
    }
    double y = top;
    for (Rate row : shown) {
      String label = row.label();
      svg.append("<g><title>").append(escape(String.format(Locale.ENGLISH, "%s: %,d of %,d %s taken down (%s), %,d reported", label, row.positive(),
          row.routed(), row.routed() == 1 ? "indicator" : "indicators", row.percentText(), row.reported()))).append("</title>");
      svg.append("<text x=\"").append(n(labelWidth - 8)).append("\" y=\"").append(n(y + 14)).append("\" text-anchor=\"end\" fill=\"")
          .append(INK).append("\">").append(escape(label)).append("</text>");
      svg.append("<rect x=\"").append(n(labelWidth)).append("\" y=\"").append(n(y + 3)).append("\" width=\"").append(n(barArea))
          .append("\" height=\"14\" fill=\"").append(TRACK).append("\"/>");
      double length = barArea * row.percent() / 100.0;
      svg.append("<rect x=\"").append(n(labelWidth)).append("\" y=\"").append(n(y + 3)).append("\" width=\"").append(n(length))
          .append("\" height=\"14\" fill=\"").append(TAKEN_DOWN).append("\"/>");
      svg.append("<text x=\"").append(n(labelWidth + barArea + 8)).append("\" y=\"").append(n(y + 14)).append("\" font-size=\"12\" fill=\"")
          .append(INK).append("\">").append(escape(String.format(Locale.ENGLISH, "%s (%,d of %,d)", row.percentText(), row.positive(), row.routed())))
          .append("</text>");
      svg.append("</g>");
      y += rowHeight;
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static String n(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
