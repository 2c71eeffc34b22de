package org.takedown.tip;

import java.time.Instant;

/** A tip as received, without its payload: when, from whom, the SHA-256 of what was sent, and when it was acknowledged. */
public record ReceivedTip(Instant receivedAt, String submitter, String payloadSha256, Instant acknowledgedAt) {}
