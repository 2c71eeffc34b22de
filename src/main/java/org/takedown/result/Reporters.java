package org.takedown.result;

import java.util.Locale;
import org.takedown.security.Audience;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;

/** Who may report a country's results through the API, stated once for the JSON and the spreadsheet upload. */
final class Reporters {

  private Reporters() {}

  /**
   * False for the country's own unit (asked about it), true for a coordinator recording for the unit; anyone else is
   * refused (403).
   */
  static boolean forUnit(Caller caller, OperationAccess.Disclosed d, String country) {
    if (d.disclosure().audience() == Audience.UNIT && d.disclosure().indicatorCountries().contains(country)) {
      return false;
    }
    if (caller.isCoordinator()) {
      return true;
    }
    throw new ForbiddenException("Results for " + CountryCodes.name(country) + " are reported by its national unit, or by a coordinator for it.");
  }

  /** The country a report is for, as an upper-case ISO 3166-1 alpha-2 code; {@code how} says where to give it. */
  static String country(String given, String how) {
    if (given == null || given.isBlank()) {
      throw new InvalidInputException("country", "is required: " + (how.isEmpty() ? "" : how + " ") + "the ISO 3166-1 alpha-2 code of the country the results are for");
    }
    String c = given.strip().toUpperCase(Locale.ROOT);
    if (!CountryCodes.isValid(c)) {
      throw new InvalidInputException("country", "\"" + given.strip() + "\" is not an ISO 3166-1 alpha-2 country code");
    }
    return c;
  }
}
