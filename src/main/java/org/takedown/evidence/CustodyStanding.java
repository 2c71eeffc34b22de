package org.takedown.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.takedown.system.CountryCodes;

/**
 * Where an item stands, read from its custody entries: the entries are never changed, the standing follows them.
 * Per country an item moves released → received (a matching receipt) or quarantined (a mismatch), and back to
 * released when re-sent; a handover aborted returns it from that country. "Received" needs every country it is
 * out with to have confirmed; until then the label names those that did.
 */
public record CustodyStanding(CustodyStatus status, List<String> receivedBy, List<String> awaiting, List<String> quarantinedAt) {

  private enum AtCountry { RELEASED, RECEIVED, QUARANTINED, RETURNED }

  /** The standing after these entries, oldest first. */
  public static CustodyStanding of(List<CustodyEvent> chain) {
    CustodyStatus global = CustodyStatus.IN_CUSTODY;
    Map<String, AtCountry> countries = new LinkedHashMap<>();
    for (CustodyEvent entry : chain) {
      String country = entry.getCountry();
      switch (entry.getType()) {
        case REGISTERED -> global = CustodyStatus.IN_CUSTODY;
        case RELEASED, RESENT -> {
          global = CustodyStatus.RELEASED;
          if (country != null) {
            countries.put(country, AtCountry.RELEASED);
          }
        }
        case RECEIVED -> {
          if (country != null) {
            countries.put(country, Boolean.TRUE.equals(entry.getHashMatches()) ? AtCountry.RECEIVED : AtCountry.QUARANTINED);
          }
        }
        case QUARANTINED -> {
          if (country != null) {
            countries.put(country, AtCountry.QUARANTINED);
          } else {
            global = CustodyStatus.QUARANTINED;
          }
        }
        case RETURNED -> {
          if (country != null) {
            countries.put(country, AtCountry.RETURNED);
          } else {
            countries.clear();
            global = CustodyStatus.RETURNED;
          }
        }
        case DESTROYED -> {
          countries.clear();
          global = CustodyStatus.DESTROYED;
        }
        case PACKAGED, DOWNLOADED -> { }
      }
    }
    List<String> received = with(countries, AtCountry.RECEIVED);
    List<String> awaiting = with(countries, AtCountry.RELEASED);
    List<String> quarantined = with(countries, AtCountry.QUARANTINED);
    CustodyStatus status;
    if (global == CustodyStatus.DESTROYED || global == CustodyStatus.QUARANTINED) {
      status = global;
    } else if (!quarantined.isEmpty()) {
      status = CustodyStatus.QUARANTINED;
    } else if (!awaiting.isEmpty()) {
      status = CustodyStatus.RELEASED;
    } else if (!received.isEmpty()) {
      status = CustodyStatus.RECEIVED;
    } else if (countries.containsValue(AtCountry.RETURNED) || global == CustodyStatus.RETURNED) {
      status = CustodyStatus.RETURNED;
    } else {
      status = global;
    }
    return new CustodyStanding(status, received, awaiting, quarantined);
  }

  /**
   * As the register, the tracker and the reports show it: "Released", "Received by Germany, France; awaiting Austria",
   * "Received" (every country it is out with confirmed), "Quarantined (France)".
   */
  public String label() {
    return switch (status) {
      case RELEASED -> receivedBy.isEmpty() ? status.label() : "Received by " + prose(receivedBy) + "; awaiting " + prose(awaiting);
      case QUARANTINED -> quarantinedAt.isEmpty() ? status.label() : status.label() + " (" + names(quarantinedAt) + ")";
      default -> status.label();
    };
  }

  private static List<String> with(Map<String, AtCountry> countries, AtCountry state) {
    List<String> found = new ArrayList<>();
    countries.forEach((country, at) -> {
      if (at == state) {
        found.add(country);
      }
    });
    return found;
  }

  /** As a sentence names them: "awaiting the Netherlands". */
  private static String prose(List<String> codes) {
    return String.join(", ", codes.stream().map(CountryCodes::inProse).toList());
  }

  private static String names(List<String> codes) {
    return String.join(", ", codes.stream().map(CountryCodes::name).toList());
  }
}
