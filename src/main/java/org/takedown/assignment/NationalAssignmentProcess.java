package org.takedown.assignment;

/** Names in bpmn/national-assignment.bpmn that Java code uses. Change them here and in the model together. */
public final class NationalAssignmentProcess {

  public static final String KEY = "national-assignment";
  public static final String TASK_RESPOND_TO_ASSIGNMENT = "Task_RespondToAssignment";

  public static final String NATIONAL_UNIT = "nationalUnit";
  public static final String UNIT_EMAIL = "unitEmail";
  public static final String ALTERNATE_UNIT = "alternateUnit";
  /** The country in words, for the forms. */
  public static final String COUNTRY_NAME = "countryName";
  public static final String ASSIGNMENT_RESPONSE = "assignmentResponse";
  public static final String RESPONSE_NOTE = "responseNote";
  public static final String RESPONDED_BY = "respondedBy";
  /** The directory has no unit for the country: a coordinator adds one or drops the country, never an incident. */
  public static final String ERROR_NO_NATIONAL_UNIT = "NO_NATIONAL_UNIT";

  private NationalAssignmentProcess() {}
}
