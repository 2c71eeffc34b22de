package org.takedown.dossier;

import java.util.Locale;
import org.takedown.dossier.BoardQueries.CountryRow;
import org.takedown.operation.Stage;
import org.takedown.system.Groups;
import org.takedown.system.Tlp;

/** The words the pages show for stored codes. */
final class Labels {

  private Labels() {}

  static String stage(Stage stage) {
    return switch (stage) {
      case TRIAGE -> "Triage";
      case LEGAL_REVIEW -> "Legal review";
      case NATIONAL_ASSIGNMENT -> "National assignment";
      case EVIDENCE_HANDOVER -> "Evidence handover";
      case OUTCOME -> "Outcome";
      case CLOSED -> "Closed";
      case REJECTED -> "Rejected";
      case MERGED -> "Merged";
      case JOINED -> "Joined as co-report";
      case WITHDRAWN -> "Withdrawn";
    };
  }

  /** CSS class of the TLP badge: tlp-red, tlp-amber-strict, ... */
  static String tlpClass(Tlp tlp) {
    return "tlp tlp-" + tlp.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String group(String group) {
    if (group.startsWith(Groups.UNIT_PREFIX)) {
      return "unit " + group.substring(Groups.UNIT_PREFIX.length()).toUpperCase(Locale.ROOT);
    }
    return switch (group) {
      case Groups.COORDINATORS -> "coordinators";
      case Groups.LEGAL -> "legal officers";
      default -> group;
    };
  }

  /** A country's status as the board words it: the answer, then the evidence handover once there is one. */
  static String countryStatus(CountryRow c) {
    String status = switch (c.status()) {
      case "PROPOSED" -> "proposed";
      case "REQUESTED" -> c.alternateUnitAsked() ? "reassigned" : "requested";
      case "ACCEPTED" -> "accepted";
      case "DECLINED" -> "declined";
      case "OVERDUE" -> "no answer";
      case "DROPPED" -> "dropped";
      default -> c.status().toLowerCase(Locale.ROOT);
    };
    if (c.handoverStatus() == null) {
      return status;
    }
    return status + ", " + switch (c.handoverStatus()) {
      case "HANDED_OVER" -> "evidence sent";
      case "RECEIVED" -> "evidence received";
      case "NOT_RECEIVED" -> "evidence not received";
      case "RECEIPT_OVERDUE" -> "receipt overdue";
      default -> c.handoverStatus().toLowerCase(Locale.ROOT);
    };
  }

  /** Camunda's webapps for the fusion centre's staff. */
  static String tasklist(String taskId) {
    return "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  static String cockpit(String processInstanceId) {
    return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }
}
