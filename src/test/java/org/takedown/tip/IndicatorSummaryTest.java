package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The indicators of the triage and legal review forms in Tasklist: normalised, with the value as sent beside it where it differs. */
class IndicatorSummaryTest {

  @Test
  void showsTheNormalisedValueAndWhatWasSent() {
    Map<TipService.IndicatorKey, String> indicators = new LinkedHashMap<>();
    indicators.put(key(IndicatorType.DOMAIN, "Login-Secure.Example.ORG."), "Login-Secure.Example.ORG.");
    indicators.put(key(IndicatorType.DOMAIN, "c2.example.net"), "c2.example.net");
    assertThat(TipService.indicatorSummary(indicators)).isEqualTo("""
        - domain-name `login-secure.example.org` (sent as `Login-Secure.Example.ORG.`)
        - domain-name `c2.example.net`
        """);
  }

  private static TipService.IndicatorKey key(IndicatorType type, String value) {
    return new TipService.IndicatorKey(type, type.normalise(value));
  }
}
