package org.takedown.dossier.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.takedown.dossier.statistics.StatisticsReport.DurationRow;
import org.takedown.result.ResultFigures.Figures;
import org.takedown.result.ResultFigures.Rate;
import org.takedown.result.ResultStatuses;

/** The results figures as the statistics page and its exports lay them out; the figures themselves are ResultFigures'. */
final class ResultsSection {

  static final String FIRST_ACTION = "First action";
  static final String TAKEDOWN = "Takedown";

  private ResultsSection() {}

  /** The current status of the period's indicator results, in words, REQUESTED (nothing reported yet) first. */
  record StatusRow(String label, long count) {}

  static List<StatusRow> statuses(Figures figures, ResultStatuses statuses) {
    List<StatusRow> rows = new ArrayList<>();
    figures.byStatus().forEach((code, n) -> rows.add(new StatusRow(ResultStatuses.REQUESTED.equals(code) ? "nothing reported yet"
        : statuses.label(code), n)));
    return rows;
  }

  /**
   * The two times of all countries, as rows of the cycle-time chart; counted per indicator and country, as the
   * times are: results reported for the first action, positive ones for the takedown.
   */
  static List<DurationRow> times(Figures figures) {
    long reported = figures.byCountry().stream().mapToLong(Rate::reported).sum();
    long positive = figures.byCountry().stream().mapToLong(Rate::positive).sum();
    return List.of(
        new DurationRow(FIRST_ACTION, null, null, (int) reported, seconds(figures.times().firstActionMedian()),
            seconds(figures.times().firstActionP90())),
        new DurationRow(TAKEDOWN, null, null, (int) positive, seconds(figures.times().takedownMedian()), seconds(figures.times().takedownP90())));
  }

  static Duration seconds(Long seconds) {
    return seconds == null ? null : Duration.ofSeconds(seconds);
  }
}
