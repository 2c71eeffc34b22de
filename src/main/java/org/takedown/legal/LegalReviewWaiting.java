package org.takedown.legal;

/**
 * A review waits for the legal officers: the first review (again after an information request), or, with
 * secondApproval, the FOUR_EYES approval that any officer but the first approver may give.
 *
 * @param vendorInformationStatus ANSWERED or OVERDUE when the review waits again after an information request; null otherwise
 */
public record LegalReviewWaiting(String processInstanceId, String reference, boolean secondApproval, String firstApprover,
    String reviewLevel, Object mlatRequired, Object dataProtectionCheck, String vendorInformationStatus) {}
