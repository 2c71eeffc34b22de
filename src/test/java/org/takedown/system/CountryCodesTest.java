package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountryCodesTest {

  @Test
  void aSentenceNamesTheNetherlandsWithTheAndGermanyWithout() {
    assertThat(CountryCodes.name("NL")).isEqualTo("Netherlands");
    assertThat(CountryCodes.inProse("NL")).isEqualTo("the Netherlands");
    assertThat(CountryCodes.inProse("GB")).isEqualTo("the United Kingdom");
    assertThat(CountryCodes.inProse("CZ")).isEqualTo("Czechia");
    assertThat(CountryCodes.inProse("DE")).isEqualTo("Germany");
  }
}
