package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.takedown.routing.Placement;

/** Where an indicator is placed, by the IP table or its domain's ccTLD: without the application. */
class IndicatorPlacementsTest {

  private static final LocalDate JUNE = LocalDate.of(2026, 6, 17);

  private final IndicatorPlacements placements = new IndicatorPlacements(value -> switch (value) {
    case "203.0.113.0/23" -> new Placement(Set.of("DE", "FR"), "IP table", JUNE, null);
    case "2001:db8::1" -> new Placement(Set.of(), "reserved", null, "documentation");
    case "192.0.2.7" -> new Placement(Set.of("XK"), "IP table", JUNE, null);
    default -> new Placement(Set.of("NL"), "IP table", JUNE, null);
  }, null);

  @Test
  void anAddressOrBlockIsPlacedByTheIpTableInEveryCountryItSpans() {
    assertThat(placements.where("ipv4-addr", "198.51.100.7"))
        .containsExactly(new IndicatorPlacements.Spot("NL", PlacedBy.IP_TABLE, "IP table 2026-06"));
    assertThat(placements.where("ipv4-addr", "203.0.113.0/23")).extracting(IndicatorPlacements.Spot::country).containsExactly("DE", "FR");
    assertThat(placements.where("ipv6-addr", "2001:db8::1")).as("reserved space is nowhere").isEmpty();
    assertThat(placements.where("ipv4-addr", "192.0.2.7")).as("a code that is no ISO country is left to the coordinator").isEmpty();
  }

  @Test
  void aDomainUrlOrEmailAddressGetsItsCcTldAsAHint() {
    assertThat(placements.where("domain-name", "panel.example.de"))
        .containsExactly(new IndicatorPlacements.Spot("DE", PlacedBy.CCTLD, "ccTLD hint"));
    assertThat(placements.where("url", "https://login.bank.example.co.uk/panel")).extracting(IndicatorPlacements.Spot::country)
        .containsExactly("GB");
    assertThat(placements.where("email-addr", "drop@mail.example.fr")).extracting(IndicatorPlacements.Spot::country).containsExactly("FR");
    assertThat(placements.where("domain-name", "c2.example.io")).as("a ccTLD sold worldwide says nothing").isEmpty();
    assertThat(placements.where("domain-name", "c2.example.com")).isEmpty();
    assertThat(placements.where("url", "not a url")).isEmpty();
    assertThat(placements.where("file-sha256", "ab".repeat(32))).isEmpty();
  }

  @Test
  void aCountryTheVendorStatesWinsAndTheTableIsKeptWhereItDisagrees() {
    assertThat(placements.where("ipv4-addr", "198.51.100.7", java.util.List.of("FR"), java.util.List.of("BE")))
        .containsExactly(new IndicatorPlacements.Spot("BE", PlacedBy.VENDOR, "vendor", "IP table 2026-06: NL"));
    assertThat(placements.where("ipv4-addr", "198.51.100.7", java.util.List.of(), java.util.List.of("NL")))
        .as("agreeing: nothing to show").containsExactly(new IndicatorPlacements.Spot("NL", PlacedBy.VENDOR, "vendor"));
    assertThat(placements.where("ipv6-addr", "2001:db8::1", java.util.List.of(), java.util.List.of("DE")))
        .as("the table places reserved space nowhere: no disagreement").containsExactly(new IndicatorPlacements.Spot("DE", PlacedBy.VENDOR, "vendor"));
    assertThat(placements.where("domain-name", "panel.example.de", java.util.List.of(), java.util.List.of("AT")))
        .as("a ccTLD hint is weaker than the vendor and no table").containsExactly(new IndicatorPlacements.Spot("AT", PlacedBy.VENDOR, "vendor"));
  }

  @Test
  void theProposalSaysCountsInWords() {
    assertThat(IndicatorPlacements.Proposal.of(java.util.Map.of("FR", 30L, "DE", 120L, "AT", 30L), 5).summary(4000))
        .isEqualTo("Germany (DE) 120, Austria (AT) 30, France (FR) 30; 5 not placed");
    // Too many to name: by code, so that every country's count is there.
    assertThat(IndicatorPlacements.Proposal.of(java.util.Map.of("FR", 30L, "DE", 120L, "AT", 30L), 0).summary(60))
        .isEqualTo("DE 120, AT 30, FR 30");
    java.util.Map<String, Long> many = new java.util.HashMap<>();
    java.util.Arrays.stream(java.util.Locale.getISOCountries()).limit(95).forEach(c -> many.put(c, 316L));
    String ninetyFive = IndicatorPlacements.Proposal.of(many, 0).summary(1_400);
    assertThat(ninetyFive).doesNotContain("more countries").hasSizeLessThan(1_400);
    many.keySet().forEach(c -> assertThat(ninetyFive).contains(c + " 316"));
    assertThat(IndicatorPlacements.Proposal.of(java.util.Map.of("FR", 30L, "DE", 120L, "AT", 30L), 0).summary(50))
        .isEqualTo("DE 120 and 2 more countries");
    assertThat(IndicatorPlacements.Proposal.of(java.util.Map.of(), 0).summary(4000)).isEqualTo("no indicators");
  }
}
