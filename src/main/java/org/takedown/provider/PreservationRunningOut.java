package org.takedown.provider;

import java.time.Instant;

/** A preservation runs out soon: the unit is reminded to renew it or follow it with a mutual assistance request. */
public record PreservationRunningOut(String processInstanceId, String reference, String country, long requestId, String providerKey,
    String providerName, int indicators, Instant preservedUntil) {}
