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
  /**
   * A vendor organisation's members are its group, vendor- and the organisation's id (vendor-aegis): one group per
   * organisation, so that local accounts, the engine's Admin and an identity provider's groups all say it the same way.
   */
  public static final String VENDOR_PREFIX = "vendor-";
  /** Groups become Spring Security authorities GROUP_&lt;id&gt;. */
  public static final String AUTHORITY_PREFIX = "GROUP_";

  private Groups() {}
}
