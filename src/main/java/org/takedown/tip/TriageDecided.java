package org.takedown.tip;

/**
 * The checked triage decision took effect (OPEN, MERGE or REJECT); the vendor is told, with the coordinator's
 * message to the vendor if there is one. The internal triage note is not part of it.
 */
public record TriageDecided(String processInstanceId, String reference, String decision, String mergeInto, String vendorMessage) {}
