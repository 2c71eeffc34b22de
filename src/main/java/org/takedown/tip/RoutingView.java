package org.takedown.tip;

import java.util.List;
import org.takedown.system.CountryCodes;

/**
 * Where an operation's indicators are, as the API gives it (GET /api/operations/{reference} as "routing", and the answer
 * to a move): per country the number of indicators placed there, most first, and whether the directory has a national
 * unit for it; how many are placed nowhere, how many a coordinator left unrouted on purpose; where the vendor and the
 * IP table disagree (the first {@value IndicatorPlacements#DISAGREEMENTS_LISTED}, and their number).
 */
public record RoutingView(List<CountryCount> countries, long unplaced, long unrouted, long disagreementCount,
    List<DisagreementView> disagreements) {

  /** {@code nationalUnit}: whether the directory has a unit to ask for the country (a country without one is the coordinators' to settle). */
  public record CountryCount(String country, String name, long indicators, boolean nationalUnit) {}

  /** {@code vendor}: the countries the vendor states; {@code ipTable}: what the table says ("IP table 2026-06: DE"); {@code words} both. */
  public record DisagreementView(String type, String value, List<String> vendor, String ipTable, String words) {}

  /** A place of one indicator: its country, who placed it there, the source ("IP table 2026-06"), and a disagreement or null. */
  public record Place(String country, String placedBy, String source, String disagreement) {

    static Place of(IndicatorPlacements.Spot spot) {
      return new Place(spot.country(), spot.placedBy().name(), spot.source(), spot.disagreement());
    }
  }

  public static RoutingView of(IndicatorPlacements.Proposal proposal, java.util.function.Predicate<String> hasUnit) {
    return new RoutingView(proposal.counts().entrySet().stream()
        .map(e -> new CountryCount(e.getKey(), CountryCodes.name(e.getKey()), e.getValue(), hasUnit.test(e.getKey()))).toList(),
        proposal.unplaced(), proposal.unrouted(), proposal.disagreementCount(), proposal.disagreements().stream()
        .map(d -> new DisagreementView(d.type(), d.value(), d.vendor(), d.table(), d.words())).toList());
  }
}
