package org.takedown.provider;

import java.time.Instant;

/**
 * A step of a provider request was recorded (by the unit, or a coordinator for it): audit, the preservation clock and
 * the notices listen. {@code value} is the answer or the follow-up, null for "sent".
 */
public record ProviderRequestRecorded(String reference, String country, long requestId, ProviderRequestKind kind, Step step, String value,
    Instant happenedOn, Instant preservedUntil, String recordedBy) {

  public enum Step { SENT, ANSWERED, FOLLOWED_UP }
}
