package org.takedown.dossier;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.takedown.briefing.Document;
import org.takedown.briefing.DocumentRepository;
import org.takedown.briefing.DocumentService;
import org.takedown.briefing.Timeline;
import org.takedown.dossier.BoardQueries.Condition;
import org.takedown.dossier.BoardQueries.CountryRow;
import org.takedown.dossier.BoardQueries.IndicatorRow;
import org.takedown.evidence.CustodyStanding;
import org.takedown.evidence.CustodyVerification;
import org.takedown.evidence.CustodyVerifier;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceUploads;
import org.takedown.legal.InformationRequests;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.security.Audience;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.Downloads;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;
import org.takedown.system.Sizes;
import org.takedown.tip.Indicator;
import org.takedown.tip.IndicatorMoves;
import org.takedown.tip.IndicatorPlacements;
import org.takedown.tip.IntakeWarning;
import org.takedown.tip.RoutingView;
import org.takedown.tip.StixExport;
import org.takedown.tip.TipService;

/**
 * The operation's dossier page. What each role sees follows OperationAccess (a forbidden operation
 * is a 404), narrowed further: a vendor sees only its own tips and their stage, a national unit
 * only its own country; the fusion centre's staff see everything.
 */
@Controller
class OperationPageController {

  static final int INDICATORS_SHOWN = 500;
  static final int PATTERN_SHOWN = 4_000;
  static final int WARNINGS_SHOWN = 500;
  /** Results listed beside the indicators: an indicator spans a few countries at most. */
  static final int RESULTS_SHOWN = 20_000;

  private final OperationAccess access;
  private final StixExport stix;
  private final BoardQueries queries;
  private final Board board;
  private final Timeline timeline;
  private final InformationRequests informationRequests;
  private final DocumentRepository documents;
  private final DocumentService documentService;
  private final EvidenceRegister evidence;
  private final EvidenceUploads uploads;
  private final CustodyVerifier verifier;
  private final TipService tips;
  private final IndicatorMoves moves;
  private final IndicatorPlacements placements;
  private final org.takedown.assignment.NationalAssignmentService assignments;
  private final ResultsSection results;
  private final ProvidersSection providers;

  private final ContributorViews contributorViews;

  OperationPageController(OperationAccess access, BoardQueries queries, Board board, Timeline timeline,
      InformationRequests informationRequests, DocumentRepository documents, DocumentService documentService,
      EvidenceRegister evidence, EvidenceUploads uploads, CustodyVerifier verifier, StixExport stix, TipService tips,
      IndicatorMoves moves, IndicatorPlacements placements, org.takedown.assignment.NationalAssignmentService assignments,
      ResultsSection results, ProvidersSection providers, ContributorViews contributorViews) {
    this.contributorViews = contributorViews;
    this.results = results;
    this.providers = providers;
    this.assignments = assignments;
    this.tips = tips;
    this.moves = moves;
    this.placements = placements;
    this.stix = stix;
    this.evidence = evidence;
    this.uploads = uploads;
    this.verifier = verifier;
    this.access = access;
    this.queries = queries;
    this.board = board;
    this.timeline = timeline;
    this.informationRequests = informationRequests;
    this.documents = documents;
    this.documentService = documentService;
  }

  /** {@code value} normalised (as compared and searched); {@code sent} the value as the vendor sent it, null when the same. */
  record IndicatorView(String type, String value, String sent, List<String> where, List<String> correlated) {}

  /**
   * A pattern indicator: its language, the pattern as the vendor wrote it (its first {@link #PATTERN_SHOWN}
   * characters, {@code more} counting the rest), the STIX indicator's name, the other operations holding it.
   */
  record PatternView(String language, String pattern, int more, String name, List<String> correlated) {}

  /** What was not taken of the operation's tips, as the vendor was told. */
  record WarningView(String objectId, String pointer, String property, String message, boolean taken) {}

  record RequestView(String question, String requestedBy, String requestedAt, String status, String answer, String closedAt) {}

  record DocumentView(String kind, String country, int version, String fileName, String tlp, String size, String sha256,
      String created, String href) {}

  record EvidenceView(String label, String description, String type, String size, String sha256, String status, int entries) {}

  record VerificationView(boolean ok, String summary, List<String> breaks) {}

  record NoticeView(String kind, String recipient, String subject, String status, String created, String sent, String error) {}

  record CountryView(String code, String name, String status, String unit, String responder, String note, String requested,
      String responded, int reminders, String outcome, String diagram) {}

  @GetMapping("/operations/{reference}")
  @Transactional(readOnly = true)
  String page(@PathVariable String reference, @RequestParam(required = false) String tracker,
      @RequestParam(required = false) String verify, @RequestParam(required = false) String report, Model model) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed disclosed = readable(caller, reference);
    Operation o = disclosed.operation();
    Disclosure d = disclosed.disclosure();
    String ref = o.getReference();
    boolean staff = d.isStaff();
    boolean unit = d.audience() == Audience.UNIT;
    Condition single = queries.single(caller, ref);
    List<Board.Card> cards = board.cards(caller, single, "o.id", 0, 1);
    Board.Card card = cards.isEmpty() ? null : cards.get(0);

    model.addAttribute("op", o);
    model.addAttribute("card", card);
    model.addAttribute("tlp", d.readerTlp());
    model.addAttribute("tlpClass", Labels.tlpClass(d.readerTlp()));
    model.addAttribute("vendorLabel", d.vendorLabel());
    model.addAttribute("summary", d.seesSummary() ? o.getSummary() : null);
    model.addAttribute("mergedInto", d.seesCentreRecords() ? o.getMergedInto() : null);
    model.addAttribute("joinedTo", d.seesVendorExchange() ? o.getJoinedTo() : null);
    model.addAttribute("contributors", contributorViews.forStaff(o, d));
    model.addAttribute("coReport", contributorViews.forVendor(o, d));
    model.addAttribute("outcomeSummary", d.seesOutcomeSummary() ? o.getOutcomeSummary() : null);
    model.addAttribute("stageName", Labels.stage(o.getStage()));
    model.addAttribute("created", Board.TIME.format(o.getCreatedAt()));
    model.addAttribute("closed", o.getClosedAt() == null ? null : Board.TIME.format(o.getClosedAt()));
    model.addAttribute("staff", staff);
    model.addAttribute("coordinator", caller.isCoordinator());
    model.addAttribute("unitView", unit);
    model.addAttribute("vendorView", !staff && !unit);
    model.addAttribute("trackerGenerated", "generated".equals(tracker));
    model.addAttribute("reportGenerated", "generated".equals(report));

    // The diagram is another endpoint; its text alternative names the current steps.
    // A vendor is shown no tasks, so it reads the stage rather than "no open task".
    String steps = o.getStage().isFinal() ? "the operation has ended"
        : !staff && !unit ? "stage " + Labels.stage(o.getStage())
        : card == null || card.tasks().isEmpty() ? "no open task"
        : "current step " + String.join(", ", card.tasks().stream().map(Board.TaskView::name).distinct().toList());
    model.addAttribute("diagramAlt", "Process diagram of " + ref + ": " + steps);
    model.addAttribute("diagram", "/operations/" + ref + "/diagram.svg");

    if (!d.seesCountries()) {
      // A vendor: its own tip's stage, indicators, what was not taken of it and the questions put to it; the community: the indicators.
      indicators(model, ref, d, false);
      model.addAttribute("requests", d.seesVendorExchange() ? requests(ref) : null);
      if (d.seesVendorExchange()) {
        warnings(model, ref);
      }
      return "operation";
    }
    List<CountryView> countries = queries.countries(single).stream()
        .filter(c -> d.seesCountry(c.country()))
        .map(c -> country(ref, c)).toList();
    model.addAttribute("countries", countries);
    model.addAttribute("providers", providers.of(ref, d));
    model.addAttribute("countryDiagrams", countries.stream().filter(c -> c.diagram() != null).toList());
    model.addAttribute("tasks", card == null ? List.of() : card.tasks().stream()
        .map(t -> Map.of("task", t, "href", Labels.tasklist(t.id()))).toList());
    // The figures and each indicator's result: the core restricts a unit to its country's.
    results.add(model, o, d, caller.isCoordinator());
    model.addAttribute("indicatorResults", results.byIndicator(o, d, RESULTS_SHOWN));
    if (!staff) {
      // A unit: the indicators routed to the countries it was asked about, as its brief lists them.
      indicators(model, ref, d, false);
      return "operation";
    }
    model.addAttribute("timeline", timeline.of(ref));
    routing(model, ref, caller.isCoordinator() && IndicatorMoves.movable(o.getStage()));
    model.addAttribute("movesClosed", java.util.EnumSet.range(Stage.NATIONAL_ASSIGNMENT, Stage.CLOSED).contains(o.getStage()));
    model.addAttribute("stixContext", stix.context(ref));
    indicators(model, ref, d, true);
    warnings(model, ref);
    model.addAttribute("requests", requests(ref));
    model.addAttribute("documents", queries.documents(ref).stream().map(doc -> new DocumentView(doc.kind(), doc.country(), doc.version(),
        doc.fileName(), doc.tlp(), size(doc.size()), doc.sha256(), Board.TIME.format(doc.createdAt()),
        "/operations/" + ref + "/documents/" + doc.id())).toList());
    model.addAttribute("notices", queries.notices(ref).stream().map(n -> new NoticeView(n.kind(), n.recipient(), n.subject(),
        n.status(), Board.TIME.format(n.createdAt()), n.sentAt() == null ? "" : Board.TIME.format(n.sentAt()),
        n.lastError())).toList());
    Map<String, CustodyStanding> standings = evidence.standings(ref);
    model.addAttribute("evidence", evidence.items(ref).stream().map(i -> new EvidenceView(i.label(), i.getDescription(),
        i.getType().label(), size(i.getSizeBytes()), i.getSha256(), standings.get(i.label()).label(), i.getCustodyLength())).toList());
    model.addAttribute("mayRegister", caller.isCoordinator() && !o.getStage().isFinal());
    if (verify != null) {
      CustodyVerification v = verifier.verify(ref);
      model.addAttribute("verification", new VerificationView(v.ok(), (v.ok() ? "Custody verified: " : "Custody BROKEN: ")
          + v.items() + " item(s), " + v.entries() + " custody entries and every stored file checked at " + Board.TIME.format(v.checkedAt())
          + (v.ok() ? "; nothing was changed, removed or inserted." : "; " + v.breaks().size() + " finding(s):"),
          v.breaks().stream().map(b -> b.item() + (b.entry() == null ? "" : ", entry " + b.entry()) + ": " + b.problem()).toList()));
    }
    model.addAttribute("incidents", queries.incidents(single));
    model.addAttribute("cockpit", queries.instances(ref).stream().filter(i -> "joint-takedown".equals(i.definitionKey()))
        .findFirst().map(i -> Labels.cockpit(i.id())).orElse(null));
    return "operation";
  }

  /** A document, for staff signed in to the pages (the API takes HTTP Basic credentials instead). */
  @GetMapping("/operations/{reference}/documents/{id}")
  @Transactional(readOnly = true)
  ResponseEntity<byte[]> download(@PathVariable String reference, @PathVariable String id) {
    OperationAccess.Disclosed disclosed = readable(Caller.current(), reference);
    Operation o = disclosed.operation();
    if (!disclosed.disclosure().seesCentreRecords()) {
      throw new PageNotFound("Documents are for the fusion centre's staff.");
    }
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new PageNotFound("No document " + id);
    }
    Document document = documents.findByIdAndOperationReference(number, o.getReference())
        .orElseThrow(() -> new PageNotFound("No document " + id));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.getContentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(document.getFileName()))
        .header("X-Content-SHA256", document.getSha256())
        .body(document.getContent());
  }

  /** The coordinators' action of the API (POST /api/operations/{reference}/documents/tracker), as a form. */
  @PostMapping("/operations/{reference}/tracker")
  String tracker(@PathVariable String reference) {
    Caller caller = Caller.current();
    Operation o = readable(caller, reference).operation();
    if (!caller.isCoordinator()) {
      throw new ForbiddenException("Only coordinators generate the operation tracker.");
    }
    documentService.generateTracker(o.getReference());
    return "redirect:/operations/" + UriUtils.encodePathSegment(o.getReference(), java.nio.charset.StandardCharsets.UTF_8)
        + "?tracker=generated#documents";
  }

  /**
   * The coordinators' upload of the API (POST /api/operations/{reference}/evidence), as a form. The form is
   * multipart, so its CSRF token travels in the address (the body is streamed to the store, not parsed before).
   */
  @PostMapping(path = "/operations/{reference}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  String upload(@PathVariable String reference, HttpServletRequest request, RedirectAttributes flash) {
    Caller caller = Caller.current();
    Operation o = readable(caller, reference).operation();
    if (!caller.isCoordinator()) {
      throw new ForbiddenException("Only coordinators register evidence on this page; vendors use the API.");
    }
    try {
      if (o.getStage().isFinal()) {
        throw new ConflictException(o.getReference() + " has ended; its evidence register takes no new items.");
      }
      EvidenceItem item = uploads.upload(request, o.getReference(), caller.user());
      flash.addFlashAttribute("evidenceNotice", item.label() + " registered: " + size(item.getSizeBytes()) + ", SHA-256 " + item.getSha256() + ".");
    } catch (InvalidInputException e) {
      flash.addFlashAttribute("evidenceErrors", e.problems().stream().map(p -> p.field() + " " + p.message()).toList());
    } catch (EvidenceUploads.TooLarge e) {
      flash.addFlashAttribute("evidenceErrors", List.of("The file is larger than the limit of " + size(e.limit())
          + "; nothing was stored. Register a larger item by reference through the API."));
    } catch (EvidenceUploads.Incomplete | ConflictException e) {
      flash.addFlashAttribute("evidenceErrors", List.of(e instanceof ConflictException ? e.getMessage()
          : "The upload ended before the whole file arrived; nothing was stored. Send it again."));
    }
    return "redirect:/operations/" + UriUtils.encodePathSegment(o.getReference(), java.nio.charset.StandardCharsets.UTF_8) + "#evidence";
  }

  /** The staff's action of the API (POST /api/operations/{reference}/documents/custody-report), as a form. */
  @PostMapping("/operations/{reference}/custody-report")
  String custodyReport(@PathVariable String reference) {
    OperationAccess.Disclosed disclosed = readable(Caller.current(), reference);
    Operation o = disclosed.operation();
    if (!disclosed.disclosure().seesCentreRecords()) {
      throw new ForbiddenException("The custody report is for the fusion centre's staff.");
    }
    documentService.generateCustodyReport(o.getReference());
    return "redirect:/operations/" + UriUtils.encodePathSegment(o.getReference(), java.nio.charset.StandardCharsets.UTF_8)
        + "?report=generated#documents";
  }

  /**
   * The coordinators' move of the API (POST /api/operations/{reference}/routing/moves), as a form: "which" is an indicator's
   * value, a CIDR block or a country code; "to" a country code, or "unrouted" ticked.
   */
  @PostMapping("/operations/{reference}/routing")
  String move(@PathVariable String reference, @RequestParam(required = false) String which, @RequestParam(required = false) String to,
      @RequestParam(required = false) String unrouted, RedirectAttributes flash) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed disclosed = readable(caller, reference);
    if (!disclosed.disclosure().isStaff() || !caller.isCoordinator()) {
      throw new ForbiddenException("Only coordinators move indicators between countries.");
    }
    String ref = disclosed.operation().getReference();
    try {
      for (String[] field : new String[][] {{"which", which}, {"to", to}}) {
        String problem = field[1] == null ? null : org.takedown.system.Text.problem(field[1], true);
        if (problem != null) {
          throw new InvalidInputException(field[0], problem);
        }
      }
      boolean none = unrouted != null;
      boolean country = to != null && !to.isBlank();
      if (none == country) {
        throw new InvalidInputException("to", none ? "give a country or tick \"leave unrouted\", not both"
            : "is required: the country to move them to (such as FR), or tick \"leave unrouted\"");
      }
      IndicatorMoves.Moved moved = moves.move(ref, IndicatorMoves.fromText(which), none ? null : IndicatorMoves.country("to", to), caller.user());
      flash.addFlashAttribute("routingNotice", moved.words());
    } catch (InvalidInputException e) {
      flash.addFlashAttribute("routingErrors", e.problems().stream().map(p -> p.field() + " " + p.message()).toList());
    } catch (ConflictException e) {
      flash.addFlashAttribute("routingErrors", List.of(e.getMessage()));
    }
    return "redirect:/operations/" + UriUtils.encodePathSegment(ref, java.nio.charset.StandardCharsets.UTF_8) + "#routing";
  }

  /** Where the indicators are routed, with counts, what is not placed and disagreements, the moves made, and the form. */
  private void routing(Model model, String ref, boolean mayMove) {
    RoutingView routing = RoutingView.of(placements.proposal(ref), assignments::hasUnit);
    model.addAttribute("routing", routing);
    model.addAttribute("disagreements", placements.disagreements(ref, INDICATORS_SHOWN).stream()
        .map(d -> d.type() + " " + d.value() + ": " + d.words()).toList());
    model.addAttribute("moves", moves.moves(ref).stream()
        .map(m -> Board.TIME.format(m.at()) + ", " + m.by() + ": " + m.moved().words()).toList());
    model.addAttribute("mayMove", mayMove);
  }

  private OperationAccess.Disclosed readable(Caller caller, String reference) {
    String ref = reference.trim().toUpperCase(Locale.ROOT);
    try {
      return access.disclose(caller, ref);
    } catch (NotFoundException e) {
      throw new PageNotFound("No operation " + ref);
    }
  }

  /**
   * The indicators of a type (the first {@link #INDICATORS_SHOWN}) and, apart, the pattern indicators (as many), so that
   * thousands of addresses never hide what the vendor sent as a pattern; counted in "indicatorCount". Those the reader
   * sees (need to know), with "12 of the operation's 30,000 indicators are routed to Germany" for a unit.
   */
  private void indicators(Model model, String ref, Disclosure d, boolean withCorrelations) {
    Map<String, List<String>> correlations = withCorrelations ? queries.correlations(ref, INDICATORS_SHOWN) : Map.of();
    List<IndicatorRow> rows = queries.indicators(ref, d, INDICATORS_SHOWN);
    model.addAttribute("indicators", rows.stream().map(i -> new IndicatorView(i.type(), i.normalizedValue(),
        i.value().equals(i.normalizedValue()) ? null : i.value(), i.where(), correlations.getOrDefault(i.type() + "|" + i.normalizedValue(), List.of())))
        .toList());
    model.addAttribute("patterns", queries.patterns(ref, d, INDICATORS_SHOWN).stream().map(p -> new PatternView(
        p.patternType() == null ? "stix" : p.patternType(),
        p.pattern().length() <= PATTERN_SHOWN ? p.pattern() : p.pattern().substring(0, PATTERN_SHOWN),
        Math.max(0, p.pattern().length() - PATTERN_SHOWN), p.name(),
        correlations.getOrDefault(Indicator.PATTERN + "|" + p.normalizedValue(), List.of()))).toList());
    BoardQueries.IndicatorCounts counts = queries.indicatorCounts(ref, d);
    model.addAttribute("patternCount", counts.patterns());
    model.addAttribute("indicatorCount", counts.seen());
    model.addAttribute("typedCount", counts.seen() - counts.patterns());
    // Where an indicator is routed is about countries: a vendor and the community see none.
    model.addAttribute("showsWhere", d.seesCountries());
    model.addAttribute("indicatorScope", d.seesAllIndicators() ? null : d.indicatorScope(counts.seen(), counts.total()));
    model.addAttribute("allIndicatorsIn", d.isStaff() ? "the Excel tracker lists them all" : "the STIX export lists them all");
  }

  /** What was not taken of the operation's tips (the first {@link #WARNINGS_SHOWN}), as the vendor was told. */
  private void warnings(Model model, String ref) {
    List<IntakeWarning> all = tips.intakeWarnings(ref);
    model.addAttribute("intakeWarnings", all.stream().limit(WARNINGS_SHOWN)
        .map(w -> new WarningView(w.objectId(), w.pointer(), w.property(), w.message(), w.taken())).toList());
    model.addAttribute("intakeWarningCount", all.size());
  }

  private List<RequestView> requests(String ref) {
    return informationRequests.list(ref).stream().map(r -> new RequestView(r.getQuestion(), r.getRequestedBy(),
        Board.TIME.format(r.getRequestedAt()), r.getStatus().name().toLowerCase(Locale.ROOT), r.getAnswer(),
        r.getClosedAt() == null ? "" : Board.TIME.format(r.getClosedAt()))).toList();
  }

  private static CountryView country(String ref, CountryRow c) {
    boolean asked = !"PROPOSED".equals(c.status());
    return new CountryView(c.country(), CountryCodes.name(c.country()), Labels.countryStatus(c), c.nationalUnit(), c.responder(),
        c.responseNote(), c.requestedAt() == null ? "" : Board.TIME.format(c.requestedAt()),
        c.respondedAt() == null ? "" : Board.TIME.format(c.respondedAt()), c.reminders(), c.outcome(),
        asked ? "/operations/" + ref + "/diagram.svg?country=" + c.country() : null);
  }

  private static String size(long bytes) {
    return Sizes.readable(bytes);
  }
}
