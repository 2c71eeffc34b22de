package org.takedown.evidence;

/** An item was added to an operation's evidence register. */
public record EvidenceRegistered(String reference, String label) {}
