package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

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

  @Test
  void aCommonAliasIsRefusedWithTheCodeToUse() {
    assertThatThrownBy(() -> CountryCodes.normalise("countries", List.of("DE", "uk", "EL", "XX")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(p -> p.field() + " " + p.message()).containsExactly(
                "countries[1] 'uk' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?",
                "countries[2] 'EL' is not an ISO 3166-1 alpha-2 country code; did you mean GR (Greece)?",
                "countries[3] 'XX' is not an ISO 3166-1 alpha-2 country code"));
    assertThat(TaskInput.sentence(List.of(new InvalidInputException.FieldProblem("countries[0]",
        "'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?"))))
        .isEqualTo("The affected countries: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?");
  }
}
