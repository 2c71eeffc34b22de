package org.takedown.tip;

import java.time.Instant;

/** An indicator as the operation tracker lists it, with when its tip arrived. */
public record IndicatorRow(String type, String value, String normalizedValue, Instant receivedAt) {}
