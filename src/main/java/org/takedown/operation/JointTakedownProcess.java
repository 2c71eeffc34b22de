package org.takedown.operation;

/**
 * Names in bpmn/joint-takedown.bpmn that Java code uses: the process key, its message and its
 * variables, including those it passes on to the per-country models (country, tlp, releaseTlp).
 * Change them here and in the model together.
 */
public final class JointTakedownProcess {

  public static final String KEY = "joint-takedown";
  public static final String MSG_TIP_WITHDRAWN = "Msg_TipWithdrawn";

  public static final String TLP = "tlp";
  public static final String COUNTRIES = "countries";
  public static final String COUNTRY_COUNT = "countryCount";
  /** The countries in words, for the forms: "Germany (DE), France (FR)". */
  public static final String COUNTRY_NAMES = "countryNames";
  /** The tip's countries that have no national unit in the directory, and what that means, for the triage form; absent when none. */
  public static final String COUNTRIES_WITHOUT_UNIT = "countriesWithoutUnit";
  /** The tip's first indicators as a short Markdown list, for the forms. */
  public static final String INDICATOR_SUMMARY = "indicatorSummary";
  /** Where the indicators are, per country with counts, as the IP table and ccTLD hints place them (the triage form). */
  public static final String COUNTRY_PROPOSAL = "countryProposal";
  /** The country of a per-country instance (national assignment, evidence handover). */
  public static final String COUNTRY = "country";
  /** The TLP national units receive at, set by the legal review. */
  public static final String RELEASE_TLP = "releaseTlp";
  public static final String CORRELATED_OPERATIONS = "correlatedOperations";
  public static final String TRIAGE_DECISION = "triageDecision";
  /** The coordinator's note for the file: internal, never sent. */
  public static final String TRIAGE_NOTE = "triageNote";
  /** What the coordinator chooses to tell the vendor with the triage result; optional. */
  public static final String VENDOR_MESSAGE = "vendorMessage";
  public static final String MERGE_INTO = "mergeInto";
  /** The operation a JOIN triage decision joins the tip to as a co-report. */
  public static final String JOIN_OPERATION = "joinOperation";
  public static final String WITHDRAWAL_REASON = "withdrawalReason";
  public static final String OUTCOME_SUMMARY = "outcomeSummary";
  public static final String OUTCOMES = "outcomes";

  private JointTakedownProcess() {}
}
