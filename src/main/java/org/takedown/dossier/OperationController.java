package org.takedown.dossier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.system.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.legal.InformationRequests;
import org.takedown.dossier.OperationViews.Country;
import org.takedown.dossier.OperationViews.Detail;
import org.takedown.dossier.OperationViews.EvidenceItem;
import org.takedown.dossier.OperationViews.InformationRequestView;
import org.takedown.dossier.OperationViews.OpenTask;
import org.takedown.dossier.OperationViews.Summary;
import org.takedown.dossier.OperationViews.TipReceipt;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.InvalidInputException;
import org.takedown.tip.IndicatorEntry;
import org.takedown.tip.IndicatorPlacements;
import org.takedown.tip.OperationIndicators;
import org.takedown.tip.RoutingView;
import org.takedown.tip.TipService;
import org.takedown.tip.TipRepository;

@RestController
@RequestMapping("/api/operations")
class OperationController {

  private final OperationAccess access;
  private final NationalAssignmentService assignments;
  private final TipRepository tips;
  private final OperationIndicators indicators;
  private final InformationRequests informationRequests;
  private final TaskService tasks;
  private final TipService tipService;
  private final IndicatorPlacements placements;
  private final ContributorViews contributorViews;

  OperationController(OperationAccess access, NationalAssignmentService assignments, TipRepository tips,
      OperationIndicators indicators, InformationRequests informationRequests, TaskService tasks, TipService tipService,
      IndicatorPlacements placements, ContributorViews contributorViews) {
    this.contributorViews = contributorViews;
    this.placements = placements;
    this.tipService = tipService;
    this.access = access;
    this.assignments = assignments;
    this.tips = tips;
    this.indicators = indicators;
    this.informationRequests = informationRequests;
    this.tasks = tasks;
  }

  /** Reads only the operation table (the stage column follows the process), filtered by TLP. */
  @GetMapping
  List<Summary> list(@RequestParam(required = false) String stage) {
    return access.list(Caller.current(), stage(stage)).stream().map(d -> Summary.of(d.operation(), d.disclosure())).toList();
  }

  /** The operation as the caller's projection of it allows (security.Disclosure): hidden parts are null or empty. */
  @GetMapping("/{reference}")
  @Transactional(readOnly = true)
  Detail get(@PathVariable String reference) {
    OperationAccess.Disclosed disclosed = access.disclose(Caller.current(), reference.toUpperCase(Locale.ROOT));
    Operation o = disclosed.operation();
    Disclosure d = disclosed.disclosure();
    String ref = o.getReference();
    List<TipReceipt> tipReceipts = !d.seesVendorExchange() ? List.of() : tips.receipts(ref).stream()
        .map(t -> new TipReceipt(t.receivedAt(), t.submitter(), t.payloadSha256(), t.acknowledgedAt())).toList();
    List<Country> countries = !d.seesCountries() ? List.of() : assignments.list(ref).stream()
        .filter(a -> d.seesCountry(a.getCountry()))
        .map(a -> new Country(a.getCountry(), CountryCodes.name(a.getCountry()), a.getStatus().name(), a.getNationalUnit(),
            a.getResponder(), a.getResponseNote(), a.getRequestedAt(), a.getRespondedAt(), a.getReminders(),
            a.getHandoverStatus() == null ? null : a.getHandoverStatus().name(),
            a.getEvidenceItems().stream().map(item -> new EvidenceItem(item, a.getReportedSha256().get(item))).toList(),
            a.getReceiptAnsweredAt(), a.getOutcome()))
        .toList();
    List<InformationRequestView> requests = !d.seesVendorExchange() ? List.of() : informationRequests.list(ref).stream()
        .map(r -> new InformationRequestView(r.getQuestion(), r.getRequestedBy(), r.getRequestedAt(), r.getStatus().name(),
            r.getAnswer(), r.getClosedAt()))
        .toList();
    boolean centre = d.seesCentreRecords();
    // Pattern indicators are indicators like the others: whoever reads the operation's indicators reads them.
    OperationIndicators.Seen seen = indicators.seen(ref, d);
    List<IndicatorEntry> entries = seen.entries();
    // Where each indicator is routed, and the proposal, are the centre's: a block's places name other countries.
    RoutingView routing = null;
    if (d.isStaff()) {
      entries = placements.withPlaces(ref, entries);
      routing = RoutingView.of(placements.proposal(ref), assignments::hasUnit);
    }
    return new Detail(ref, o.getTitle(), d.seesSummary() ? o.getSummary() : null, d.readerTlp(), d.readerTlp().sharingRule(),
        o.getPap(), o.getStage(), d.vendorLabel(), OperationViews.vendorId(o, d), centre ? o.getMergedInto() : null, d.seesOutcomeSummary() ? o.getOutcomeSummary() : null,
        o.getCreatedAt(), o.getUpdatedAt(), o.getClosedAt(), seen.count(), seen.total(), d.indicatorScope(seen.count(), seen.total()),
        entries, tipReceipts, countries,
        requests, d.seesCountries() ? openTasks(ref, d) : List.of(), d.seesVendorExchange() ? tipService.intakeWarnings(ref) : List.of(), routing,
        d.seesVendorExchange() ? o.getJoinedTo() : null, contributorViews.forStaff(o, d), contributorViews.forVendor(o, d));
  }

  private List<OpenTask> openTasks(String reference, Disclosure d) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).orderByTaskCreateTime().asc().list().stream()
        .map(t -> new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(),
            tasks.getIdentityLinksForTask(t.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList(),
            t.getAssignee(), t.getCreateTime().toInstant(), t.getDueDate() == null ? null : t.getDueDate().toInstant()))
        .filter(t -> d.isStaff() || d.seesTask(country(t.id()), t.candidateGroups()))
        .toList();
  }

  /** The country of a per-country task (its instance's variable), null for the operation's own tasks. */
  private String country(String taskId) {
    Object country = tasks.getVariable(taskId, JointTakedownProcess.COUNTRY);
    return country == null ? null : country.toString();
  }

  private static Stage stage(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Stage.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("stage", "'" + text + "' is not a stage; use one of " + Arrays.toString(Stage.values()));
    }
  }
}
