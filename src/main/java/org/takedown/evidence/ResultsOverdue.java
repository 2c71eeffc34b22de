package org.takedown.evidence;

/** The unit did not say its results were complete before the deadline; its results links stop working and the coordinators decide. */
public record ResultsOverdue(String processInstanceId, String reference, String country) {}
