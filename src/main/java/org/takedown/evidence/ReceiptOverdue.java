package org.takedown.evidence;

/** The unit did not confirm receipt in time; the package's links stop working and the coordinators are told. */
public record ReceiptOverdue(String processInstanceId, String reference, String country) {}
