package org.takedown.dossier.statistics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.takedown.system.Durations;

/** The figures of one period, as the page, the chart and the exports show them. */
public record StatisticsReport(Period period, List<DurationRow> stages, List<DurationRow> responses, Shares shares) {

  public static final String ALL_COUNTRIES = "All countries";

  /** Median and 90th percentile of the durations of one stage (or unit answers) in one country, or in all. */
  public record DurationRow(String item, String country, String countryName, int count, Duration median, Duration p90) {

    public boolean allCountries() {
      return country == null;
    }

    public String countryLabel() {
      return country == null ? ALL_COUNTRIES : countryName + " (" + country + ")";
    }

    public String medianText() {
      return human(median);
    }

    public String p90Text() {
      return human(p90);
    }
  }

  /**
   * What became of the national assignments started in the period. A country can count under more
   * than one heading: declined, then reassigned to an alternate unit, then accepted.
   */
  public record Shares(int asked, int accepted, int declined, int noAnswer, int reassigned, int dropped) {

    public List<Share> list() {
      return List.of(new Share("accepted", accepted, asked), new Share("declined", declined, asked),
          new Share("no answer in time", noAnswer, asked), new Share("reassigned", reassigned, asked),
          new Share("dropped", dropped, asked));
    }
  }

  public record Share(String outcome, int count, int of) {

    /** Percent of the assignments asked, one decimal. */
    public double percent() {
      return of == 0 ? 0 : Math.round(count * 1000.0 / of) / 10.0;
    }

    public String percentText() {
      return of == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", percent()).replace(".0 %", " %");
    }
  }

  /** As a person reads a duration; the one format of the board, the statistics and the documents. */
  public static String human(Duration d) {
    return Durations.human(d);
  }

  /** Hours with two decimals, for the exports. */
  public static Double hours(Duration d) {
    return d == null ? null : Math.round(d.toMillis() / 36_000.0) / 100.0;
  }
}
