package org.takedown.legal;

/** Names in bpmn/legal-review.bpmn that Java code uses. Change them here and in the model together. */
public final class LegalReviewProcess {

  public static final String KEY = "legal-review";
  public static final String MSG_VENDOR_INFORMATION = "Msg_VendorInformation";
  public static final String TASK_ANNOUNCE_LEGAL_REVIEW = "Task_AnnounceLegalReview";
  public static final String TASK_ANNOUNCE_SECOND_APPROVAL = "Task_AnnounceSecondApproval";

  public static final String LEGAL_DECISION = "legalDecision";
  public static final String LEGAL_BASIS = "legalBasis";
  public static final String REVIEW_LEVEL = "reviewLevel";
  public static final String MLAT_REQUIRED = "mlatRequired";
  public static final String DATA_PROTECTION_CHECK = "dataProtectionCheck";
  public static final String LEGAL_APPROVER = "legalApprover";
  public static final String SECOND_APPROVER = "secondApprover";
  public static final String INFO_REQUEST = "infoRequest";
  public static final String VENDOR_INFORMATION = "vendorInformation";
  public static final String VENDOR_INFORMATION_STATUS = "vendorInformationStatus";

  private LegalReviewProcess() {}
}
