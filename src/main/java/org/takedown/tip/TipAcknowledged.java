package org.takedown.tip;

/** The tip was acknowledged; the vendor is told. */
public record TipAcknowledged(String processInstanceId, String reference) {}
