package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.takedown.system.Tlp;

/** The counts line a unit reads in its brief, mail, action page and API, and what the others read. */
class IndicatorScopeTest {

  static Disclosure unit(String... countries) {
    return new Disclosure(Audience.UNIT, "vera", false, Tlp.AMBER, Tlp.AMBER, Set.of(countries));
  }

  @Test
  void aUnitReadsItsShareOfTheOperation() {
    assertThat(unit("DE").indicatorScope(12, 30_000)).isEqualTo("12 of the operation's 30,000 indicators are routed to Germany");
    assertThat(unit("DE").indicatorScope(1, 3)).isEqualTo("1 of the operation's 3 indicators is routed to Germany");
    assertThat(unit("NL").indicatorScope(0, 3)).isEqualTo("None of the operation's 3 indicators is routed to the Netherlands");
    assertThat(unit("DE").indicatorScope(1, 1)).isEqualTo("The operation's one indicator is routed to Germany");
    assertThat(unit("FR", "DE", "NL").indicatorScope(5, 9))
        .isEqualTo("5 of the operation's 9 indicators are routed to Germany, France and the Netherlands");
  }

  @Test
  void whoeverSeesThemAllReadsTheTotal() {
    Disclosure staff = new Disclosure(Audience.STAFF, "vera", false, Tlp.AMBER, null, Set.of());
    Disclosure community = new Disclosure(Audience.COMMUNITY, "vera", false, Tlp.GREEN, null, Set.of());
    assertThat(staff.indicatorCountries()).isNull();
    assertThat(community.seesAllIndicators()).isTrue();
    assertThat(staff.indicatorScope(30_000, 30_000)).isEqualTo("30,000 indicators");
    assertThat(staff.indicatorScope(1, 1)).isEqualTo("1 indicator");
    assertThat(unit("DE").indicatorCountries()).containsExactly("DE");
  }
}
