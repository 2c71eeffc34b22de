package org.takedown.dossier;

import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.security.Disclosure;
import org.takedown.tip.IndicatorEntry;
import org.takedown.tip.IntakeWarning;
import org.takedown.tip.RoutingView;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.takedown.system.Pap;
import org.takedown.system.Tlp;
import java.time.Instant;
import java.util.List;

/** What the operations API returns. */
public final class OperationViews {

  private OperationViews() {}

  /**
   * vendor is what the reader may know of it: the vendor organisation's display name, "a private-sector partner" for a
   * unit, or null; vendorId the organisation's id, for the fusion centre's staff only (absent for others).
   */
  public record Summary(String reference, String title, Tlp tlp, Pap pap, Stage stage, String vendor,
      @JsonInclude(JsonInclude.Include.NON_NULL) String vendorId, Instant createdAt, Instant updatedAt) {

    static Summary of(Operation o, Disclosure d) {
      return new Summary(o.getReference(), o.getTitle(), d.readerTlp(), o.getPap(), o.getStage(), d.vendorLabel(), OperationViews.vendorId(o, d),
          o.getCreatedAt(), o.getUpdatedAt());
    }
  }

  /** The vendor organisation's id, which staff filter and act by; null for everyone else. */
  static String vendorId(Operation o, Disclosure d) {
    return d.isStaff() ? o.getVendor() : null;
  }

  /**
   * indicators: every indicator the reader sees (need to know: a unit those routed to the countries it was asked
   * about), indicatorCount of them, of the operation's operationIndicatorCount; indicatorScope says so in words; typed
   * values and pattern indicators (a STIX indicator kept whole: type "pattern", the pattern as value, its patternType);
   * intakeWarnings: what of the tips was not taken, wholly or in part, and why (for the fusion centre's staff and the
   * submitting vendor; empty for others); routing: where the indicators are routed, per country with counts, unplaced,
   * left unrouted and disagreements (for the fusion centre's staff; absent for others, as are each indicator's places);
   * joinedTo: the operation the tip was joined to as a co-report (staff and the tip's vendor); contributors: each
   * contributing vendor organisation with the indicators it reported and their results (staff); coReport: what a
   * contributing vendor reads of the others (counts, and names where both agreed), when other vendors contribute.
   */
  public record Detail(String reference, String title, String summary, Tlp tlp, String tlpRule, Pap pap, Stage stage,
      String vendor, @JsonInclude(JsonInclude.Include.NON_NULL) String vendorId, String mergedInto, String outcomeSummary, Instant createdAt, Instant updatedAt, Instant closedAt,
      long indicatorCount, long operationIndicatorCount, String indicatorScope, List<IndicatorEntry> indicators,
      List<TipReceipt> tips, List<Country> countries,
      List<InformationRequestView> informationRequests, List<OpenTask> openTasks, List<IntakeWarning> intakeWarnings,
      @JsonInclude(JsonInclude.Include.NON_NULL) RoutingView routing,
      @JsonInclude(JsonInclude.Include.NON_NULL) String joinedTo,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ContributorViews.Contributor> contributors,
      @JsonInclude(JsonInclude.Include.NON_NULL) ContributorViews.CoReport coReport) {}

  public record TipReceipt(Instant receivedAt, String submitter, String payloadSha256, Instant acknowledgedAt) {}

  public record Country(String country, String name, String status, String nationalUnit, String responder,
      String responseNote, Instant requestedAt, Instant respondedAt, int reminders, String handoverStatus,
      List<EvidenceItem> evidence, Instant receiptAnsweredAt, String outcome) {}

  /** An item of the package last handed over, with the SHA-256 the unit reported (null until it confirmed receipt). */
  public record EvidenceItem(String description, String reportedSha256) {}

  public record InformationRequestView(String question, String requestedBy, Instant requestedAt, String status,
      String answer, Instant closedAt) {}

  public record OpenTask(String id, String key, String name, List<String> candidateGroups, String assignee,
      Instant created, Instant due) {}
}
