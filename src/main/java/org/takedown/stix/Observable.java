package org.takedown.stix;

/**
 * One observable value: its type id (see {@link ObservableType}), the value as sent, and the
 * normalised form correlation matches on. {@code exact} is false for values that come from LIKE or
 * MATCHES: those are shown in triage as they are, but their normalised value is null and they are
 * not correlated.
 */
public record Observable(String type, String value, String normalizedValue, boolean exact) {

  static Observable exact(ObservableType type, String value) {
    return new Observable(type.id(), value, type.normalise(value), true);
  }

  static Observable loose(ObservableType type, String value) {
    return new Observable(type.id(), value, null, false);
  }
}
