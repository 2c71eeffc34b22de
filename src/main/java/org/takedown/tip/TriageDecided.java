package org.takedown.tip;

/** The checked triage decision took effect (OPEN, MERGE or REJECT); the vendor is told. */
public record TriageDecided(String processInstanceId, String reference, String decision, String mergeInto, String note) {}
