package org.takedown.tip;

/** The vendor's withdrawal is recorded; everyone who received material about the operation gets a recall. */
public record WithdrawalRecorded(String processInstanceId, String reference, String reason) {}
