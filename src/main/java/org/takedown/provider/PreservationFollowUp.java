package org.takedown.provider;

/**
 * How a preservation ended or went on: renewed for a further period, followed by a mutual assistance request (which
 * keeps the data preserved until it is decided), or lapsed at its end with neither.
 */
public enum PreservationFollowUp {
  RENEWED, MUTUAL_ASSISTANCE, LAPSED
}
