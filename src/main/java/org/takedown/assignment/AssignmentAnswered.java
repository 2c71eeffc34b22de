package org.takedown.assignment;

/** The unit accepted or declined its assignment (recorded by the step after its task); the coordinators are told. */
public record AssignmentAnswered(String processInstanceId, String reference, String country, boolean accepted, String note) {}
