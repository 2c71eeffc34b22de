package org.takedown.assignment;

/** The unit did not answer in time; its request's links stop working and the coordinators are told. */
public record AssignmentOverdue(String processInstanceId, String reference, String country) {}
