package org.takedown.briefing;

/** The documents of an operation; Word templates are templates/word/&lt;template&gt;.docx. */
public enum DocumentKind {
  OPERATION_BRIEFING("operation-briefing", "Operation briefing", true),
  LEGAL_MEMO("legal-review-memo", "Legal review memo", false),
  ASSIGNMENT_BRIEF("national-assignment-brief", "National assignment brief", true),
  HANDOVER_RECEIPT("evidence-handover-receipt", "Evidence handover receipt", true),
  CLOSURE_REPORT("closure-report", "Closure report", false),
  /** The Excel operation tracker, from templates/excel/operation-tracker.xlsx. */
  TRACKER("operation-tracker", "Operation tracker", false),
  /** Every evidence item with its full chain of custody and a fresh verification, for the court file; made on request. */
  CUSTODY_REPORT("custody-report", "Custody report", false),
  /** A unit's own indicators with a Result drop-down, sent beside its brief and uploaded back (ResultWorkbook). */
  RESULTS_LIST("results-list", "Results list", true);

  private final String template;
  private final String title;
  private final boolean forUnits;

  DocumentKind(String template, String title, boolean forUnits) {
    this.template = template;
    this.title = title;
    this.forUnits = forUnits;
  }

  public String template() {
    return template;
  }

  public String title() {
    return title;
  }

  /** Documents for national units carry the release TLP the legal officer set. */
  public boolean forUnits() {
    return forUnits;
  }
}
