package org.takedown.system;

/** The engine's group ids that the product's roles are made of; shared so that no feature needs the security package for a name. */
public final class Groups {

  public static final String COORDINATORS = "coordinators";
  public static final String LEGAL = "legal";
  public static final String VENDORS = "vendors";
  public static final String ADMINS = "camunda-admin";
  /** Accounts of metrics scrapers (Prometheus): they read /actuator/prometheus and nothing else. */
  public static final String MONITORING = "monitoring";
  /** A national unit's group is unit- and its country code in lower case (unit-de). */
  public static final String UNIT_PREFIX = "unit-";
  /** Groups become Spring Security authorities GROUP_&lt;id&gt;. */
  public static final String AUTHORITY_PREFIX = "GROUP_";

  private Groups() {}
}
