package org.takedown.tip;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How much one tip may hold (takedown.tips.*, config/application.yml): sized for real joint takedowns, where one tip
 * carries tens of thousands of addresses hosted in nearly every member country. A simple tip or a STIX bundle over
 * either limit is refused whole, saying the limit; the body's own size limit is takedown.api.max-body-size.
 */
@Component
public class TipLimits {

  private final int maxIndicators;
  private final int maxCountries;

  TipLimits(@Value("${takedown.tips.max-indicators:50000}") int maxIndicators, @Value("${takedown.tips.max-countries:250}") int maxCountries) {
    if (maxIndicators < 1 || maxCountries < 1) {
      throw new IllegalStateException("takedown.tips.max-indicators and takedown.tips.max-countries must be at least 1, not "
          + maxIndicators + " and " + maxCountries);
    }
    this.maxIndicators = maxIndicators;
    this.maxCountries = maxCountries;
  }

  /** The most indicators (typed and pattern indicators together) one tip may hold. */
  public int maxIndicators() {
    return maxIndicators;
  }

  /** The most countries one tip may name. */
  public int maxCountries() {
    return maxCountries;
  }

  /** "holds 50,001 indicators; a tip holds at most 50,000: split them over several tips" */
  String tooManyIndicators(int count) {
    return String.format(Locale.ENGLISH, "holds %,d indicators; a tip holds at most %,d: split them over several tips", count, maxIndicators);
  }

  /** "names 251 countries; a tip names at most 250" */
  String tooManyCountries(int count) {
    return String.format(Locale.ENGLISH, "names %,d countries; a tip names at most %,d", count, maxCountries);
  }
}
