package org.takedown.provider;

/** Names shared by bpmn/preservation-clock.bpmn, its delegates and its tests. */
public final class PreservationClockProcess {

  public static final String PROCESS = "preservation-clock";
  public static final String MSG_RENEWED = "Msg_PreservationRenewed";
  public static final String MSG_ENDED = "Msg_PreservationEnded";
  /** Process variables: the request (Long), its country, when it runs out (Date), and what the last step found. */
  public static final String REQUEST_ID = "requestId";
  public static final String COUNTRY = "country";
  public static final String PRESERVED_UNTIL = "preservedUntil";
  public static final String CLOCK = "clock";
  /** Values of {@link #CLOCK}: still running as the model knew it; renewed meanwhile (start again); ended; lapsed now. */
  public static final String RUNNING = "RUNNING";
  public static final String RENEWED = "RENEWED";
  public static final String ENDED = "ENDED";
  public static final String LAPSED = "LAPSED";
  /** Who records a lapse: the clock itself, not a person. */
  public static final String SYSTEM_ACTOR = "system (preservation clock)";

  private PreservationClockProcess() {}
}
