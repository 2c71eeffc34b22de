package org.takedown.provider;

import java.time.Instant;

/** A preservation ran out with neither a renewal nor a mutual assistance request (recorded LAPSED): the coordinators are told. */
public record PreservationLapsed(String processInstanceId, String reference, String country, long requestId, String providerKey,
    String providerName, int indicators, Instant preservedUntil) {}
