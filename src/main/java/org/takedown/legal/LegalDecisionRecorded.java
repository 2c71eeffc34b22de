package org.takedown.legal;

/**
 * The legal review has ended with a decision; the coordinators are told. The two checks are kept as
 * the engine holds them (a Boolean, or nothing when not asked).
 */
public record LegalDecisionRecorded(String processInstanceId, String reference, String legalDecision, String legalBasis,
    String releaseTlp, String reviewLevel, Object mlatRequired, Object dataProtectionCheck, String legalApprover,
    String secondApprover) {}
