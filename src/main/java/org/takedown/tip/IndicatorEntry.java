package org.takedown.tip;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An indicator as GET /api/operations/{reference} lists it. For a typed indicator: its type, the value as sent and
 * the normalised value (as compared and searched). For a pattern indicator (type {@value Indicator#PATTERN}): the
 * pattern whole as {@code value}, its language, and the STIX indicator's name and id; {@code normalizedValue} is the
 * form compared (the canonical STIX pattern, or a SHA-256 of a very long one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorEntry(String type, String value, String normalizedValue, String patternType, String name, String stixId) {

  /** For the query: a pattern indicator's value is its whole pattern, not the opening the value column holds. */
  public IndicatorEntry(String type, String value, String normalizedValue, String patternType, String pattern, String name, String stixId) {
    this(type, pattern != null && !pattern.isEmpty() ? pattern : value, normalizedValue, patternType, name, stixId);
  }
}
