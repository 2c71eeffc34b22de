package org.takedown.tip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An indicator as GET /api/operations/{reference} lists it. For a typed indicator: its type, the value as sent and
 * the normalised value (as compared and searched). For a pattern indicator (type {@value Indicator#PATTERN}): the
 * pattern whole as {@code value}, its language, and the STIX indicator's name and id; {@code normalizedValue} is the
 * form compared (the canonical STIX pattern, or a SHA-256 of a very long one). {@code places}: where it is routed
 * (country, who placed it there, the source, a disagreement), for the fusion centre's staff; absent for others.
 * {@code provider}: a domain's or URL's provider as the vendor stated it or a coordinator set it, where known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorEntry(String type, String value, String normalizedValue, String patternType, String name, String stixId,
    @JsonIgnore Long id, List<RoutingView.Place> places, String provider) {

  public IndicatorEntry(String type, String value, String normalizedValue, String patternType, String name, String stixId, Long id,
      List<RoutingView.Place> places) {
    this(type, value, normalizedValue, patternType, name, stixId, id, places, null);
  }

  /** For the query, with the indicator's id (never shown), to find its places. */
  public IndicatorEntry(Long id, String type, String value, String normalizedValue, String patternType, String pattern, String name,
      String stixId) {
    this(id, type, value, normalizedValue, patternType, pattern, name, stixId, null);
  }

  public IndicatorEntry(Long id, String type, String value, String normalizedValue, String patternType, String pattern, String name,
      String stixId, String provider) {
    this(type, pattern != null && !pattern.isEmpty() ? pattern : value, normalizedValue, patternType, name, stixId, id, null, provider);
  }

  /** The same entry with where it is routed (an empty list: nowhere). */
  public IndicatorEntry withPlaces(List<RoutingView.Place> places) {
    return new IndicatorEntry(type, value, normalizedValue, patternType, name, stixId, id, places, provider);
  }
}
