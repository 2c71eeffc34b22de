package org.takedown.tip;

import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION;
import static org.takedown.operation.JointTakedownProcess.COUNTRIES;
import static org.takedown.operation.JointTakedownProcess.COUNTRY_COUNT;
import static org.takedown.operation.JointTakedownProcess.TLP;
import static org.takedown.operation.JointTakedownProcess.WITHDRAWAL_REASON;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.legal.InformationRequests;
import org.takedown.legal.LegalReviewProcess;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.system.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.Operation;
import org.springframework.context.ApplicationEventPublisher;
import org.takedown.operation.OperationService;
import org.takedown.operation.OperationWithdrawn;
import org.takedown.operation.Stage;
import org.takedown.system.Pap;
import org.takedown.system.Tlp;
import org.takedown.system.ConflictException;
import org.takedown.system.Hashes;
import org.takedown.system.InvalidInputException;
import org.takedown.system.InvalidInputException.FieldProblem;
import org.takedown.system.ProcessJson;
import org.takedown.stix.StixTip;

/** Intake of tips: one transaction stores the tip, opens its operation and starts the process. */
@Service
public class TipService {

  public static final String PROCESS = JointTakedownProcess.KEY;
  /** Process variable: what triage should know about a STIX bundle (Markdown, escaped), absent for simple tips. */
  public static final String STIX_CONTEXT = "stixContext";
  private static final Logger log = LoggerFactory.getLogger(TipService.class);

  private final OperationService operations;
  private final TipRepository tips;
  private final IndicatorRepository indicators;
  private final NationalAssignmentService assignments;
  private final NationalUnitDirectory directory;
  private final RuntimeService runtime;
  private final Validator validator;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final StixBundleRepository stixBundles;
  private final InformationRequests informationRequests;
  private final IntakeWarningRepository intakeWarnings;
  private final IndicatorPlacements placements;
  private final TipLimits limits;
  private final IndicatorWriter writer;
  private final ContributionWriter contributions;
  /** The proposal in the triage form: well under the 4,000 characters of the engine's history, the rest counted. */
  private static final int PROPOSAL_MAX = 2_000;

  TipService(OperationService operations, TipRepository tips, IndicatorRepository indicators,
      NationalAssignmentService assignments, NationalUnitDirectory directory, RuntimeService runtime,
      Validator validator, ApplicationEventPublisher events, Clock clock, StixBundleRepository stixBundles,
      InformationRequests informationRequests, IntakeWarningRepository intakeWarnings, IndicatorPlacements placements,
      TipLimits limits, IndicatorWriter writer, ContributionWriter contributions) {
    this.contributions = contributions;
    this.limits = limits;
    this.writer = writer;
    this.placements = placements;
    this.informationRequests = informationRequests;
    this.intakeWarnings = intakeWarnings;
    this.operations = operations;
    this.tips = tips;
    this.indicators = indicators;
    this.assignments = assignments;
    this.directory = directory;
    this.runtime = runtime;
    this.validator = validator;
    this.events = events;
    this.clock = clock;
    this.stixBundles = stixBundles;
  }

  /**
   * Validates everything first and stores nothing unless all of it is valid.
   *
   * @param payload the request body exactly as received; it is kept with its SHA-256
   * @param vendor the vendor the operation belongs to, who may read and withdraw it
   */
  @Transactional
  public Operation submit(byte[] payload, String contentType, TipRequest request, String submitter, String vendor) {
    Intake intake = validate(request);
    return open(payload, contentType, submitter, vendor, request.title().trim(), blankToNull(request.summary()), intake,
        Boolean.TRUE.equals(request.attribution()), Boolean.TRUE.equals(request.personalData()),
        Boolean.TRUE.equals(request.crossBorderEvidence()), Boolean.TRUE.equals(request.nameToCoReporters()), Map.of(), List.of()).operation();
  }

  /**
   * A STIX bundle, already read and checked, becomes a tip like the simple one: title, summary, TLP,
   * countries, the indicators whose type the simple tip knows, and the pattern indicators (StixIntakeMapping).
   * The bundle is kept verbatim with its SHA-256, and what was not taken as intake warnings; what triage should look
   * at (no TLP, unparseable patterns, warnings, context) goes to {@link #STIX_CONTEXT}. A bundle with nothing to act on
   * is refused by {@link TipSubmissions#stix} before it gets here.
   */
  @Transactional
  public Operation submitStix(byte[] payload, String contentType, StixTip stix, String submitter, String vendor) {
    return submitStix(payload, contentType, stix, StixIntakeMapping.of(stix), submitter, vendor);
  }

  @Transactional
  Operation submitStix(byte[] payload, String contentType, StixTip stix, StixIntakeMapping mapping, String submitter, String vendor) {
    Intake intake = new Intake(stix.tlp(), Pap.AMBER, mapping.countries(), mapping.indicators(), mapping.patterns(), mapping.stated(),
        mapping.statedPatterns(), mapping.providers());
    Map<String, Object> extra = mapping.context() == null ? Map.of() : Map.of(STIX_CONTEXT, mapping.context());
    Opened opened = open(payload, contentType, submitter, vendor, mapping.title(), mapping.summary(), intake, false, false, false,
        stix.namedToCoReporters(), extra, mapping.warnings());
    stixBundles.save(new StixBundleRecord(opened.operation(), opened.tip(), vendor, stix.bundleId(), stix.specVersion(), stix.sha256(),
        payload, clock.instant()));
    return opened.operation();
  }

  /** The operation a re-post of this bundle by this vendor already opened, if any. */
  @Transactional(readOnly = true)
  public Optional<Operation> stixRepost(String bundleId, String sha256, String vendor) {
    return stixBundles.repostOf(bundleId, sha256, vendor).map(operations::get);
  }

  private Opened open(byte[] payload, String contentType, String submitter, String vendor, String title, String summary, Intake intake,
      boolean attribution, boolean personalData, boolean crossBorderEvidence, boolean namedToCoReporters, Map<String, Object> extra,
      List<IntakeWarning> warnings) {
    List<List<IndicatorPlacements.Spot>> where = intake.indicators.keySet().stream()
        .map(key -> placements.where(key.type.id(), key.normalized, intake.countries, intake.stated.getOrDefault(key, List.of()))).toList();
    Operation operation = operations.open(title, summary, intake.tlp, intake.pap, vendor, attribution, namedToCoReporters);
    Tip tip = tips.save(new Tip(operation, new String(payload, StandardCharsets.UTF_8), Hashes.sha256(payload), contentType, submitter, clock.instant()));
    // In batches (a tip may hold 50,000): the ids come back by type and normalised value, for the placements.
    Map<IndicatorKey, Long> ids = writer.typed(operation.getId(), tip.getId(), intake.indicators);
    writer.providers(intake.providers, ids);
    Map<Long, List<IndicatorPlacements.Spot>> located = new LinkedHashMap<>();
    int[] at = {0};
    intake.indicators.keySet().forEach(key -> located.put(ids.get(key), where.get(at[0]++)));
    List<Long> patternIds = writer.patterns(operation.getId(), tip.getId(), intake.patterns);
    for (int i = 0; i < patternIds.size(); i++) {
      PatternIndicator pattern = intake.patterns.get(i);
      located.put(patternIds.get(i), pattern.stixId() != null && intake.statedPatterns.containsKey(pattern.stixId())
          ? intake.statedPatterns.get(pattern.stixId()).stream()
              .map(country -> new IndicatorPlacements.Spot(country, PlacedBy.VENDOR, IndicatorPlacements.VENDOR)).toList()
          : IndicatorPlacements.namedByTip(intake.countries));
    }
    IndicatorPlacements.Proposal proposal = placements.place(located);
    // The vendor is the operation's lead contributor, credited with every indicator of its tip.
    contributions.lead(operation.getId());
    warnings.forEach(warning -> intakeWarnings.save(new IntakeWarningEntry(operation, tip, warning)));
    // The operation's countries: those the tip names, then those its indicators are placed in (most indicators first).
    List<String> proposed = proposed(intake.countries, proposal);
    assignments.propose(operation, proposed);

    Map<String, Object> variables = new HashMap<>(extra);
    variables.put(TLP, intake.tlp.label());
    variables.put("pap", intake.pap.label());
    variables.put("title", operation.getTitle());
    variables.put(SUMMARY, excerpt(operation.getSummary()));
    // What the triage and legal review forms show: the organisation as people read it.
    variables.put("vendor", operation.getVendorName());
    variables.putAll(countryVariables(proposed, proposal));
    variables.put(JointTakedownProcess.INDICATOR_SUMMARY, indicatorSummary(intake.indicators, intake.patterns));
    variables.put("personalData", personalData);
    variables.put("crossBorderEvidence", crossBorderEvidence);
    runtime.startProcessInstanceByKey(PROCESS, operation.getReference(), variables);
    log.info("Tip from {} opened {} ({}, {} indicators, {} pattern indicators, {} warnings, countries named {}, proposed {})", vendor,
        operation.getReference(), intake.tlp, intake.indicators.size(), intake.patterns.size(), warnings.size(), intake.countries,
        proposed.size());
    return new Opened(operation, tip);
  }

  /** The countries proposed at triage: those named, in their order, then those indicators are placed in, most indicators first. */
  static List<String> proposed(List<String> named, IndicatorPlacements.Proposal proposal) {
    Set<String> countries = new java.util.LinkedHashSet<>(named);
    countries.addAll(proposal.counts().keySet());
    return List.copyOf(countries);
  }

  /**
   * The triage form's country variables for a proposal: the countries preselected ({@code countries}), the options, their
   * names, those without a national unit, and the proposal in words (countries with counts, countries chosen without an
   * indicator there, what is not placed, where the vendor and the IP table disagree). Each well under the 4,000
   * characters the engine's history keeps of a string; the page lists everything.
   */
  Map<String, Object> countryVariables(List<String> countries, IndicatorPlacements.Proposal proposal) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(COUNTRIES, ProcessJson.json(countries));
    variables.put(COUNTRY_COUNT, countries.size());
    variables.put("countryOptions", ProcessJson.json(countryOptions(countries)));
    variables.put(JointTakedownProcess.COUNTRY_NAMES, cut(CountryCodes.names(countries), PROPOSAL_MAX));
    List<String> withoutUnit = directory.withoutUnit(countries);
    variables.put(JointTakedownProcess.COUNTRIES_WITHOUT_UNIT, withoutUnit.isEmpty() ? null : cut(CountryCodes.names(withoutUnit), 1_500)
        + ". An operation cannot be opened with a country that has no unit: it would stop at national assignment."
        + " Remove it from the affected countries (tell the vendor in the message if you like), or add its unit to"
        + " config/national-units.yml first.");
    StringBuilder text = new StringBuilder(proposal.summary(PROPOSAL_MAX - 600));
    List<String> without = countries.stream().filter(c -> !proposal.counts().containsKey(c)).toList();
    if (!without.isEmpty()) {
      text.append("\n\nNamed, with no indicator placed there: ").append(cut(CountryCodes.names(without), 400)).append(".");
    }
    if (countries.isEmpty()) {
      text.append("\n\nNo country is proposed: nothing names one and no indicator is placed. Choose the affected countries below.");
    }
    if (proposal.disagreementCount() > 0) {
      text.append("\n\n**The vendor and the IP table disagree** on ").append(proposal.disagreementCount())
          .append(proposal.disagreementCount() == 1 ? " address" : " addresses").append(" (routed as the vendor says):\n\n")
          .append(proposal.disagreementList(1_200));
    }
    variables.put(JointTakedownProcess.COUNTRY_PROPOSAL, text.toString());
    return variables;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, text.lastIndexOf(", ", max - 20)) + " and more";
  }

  /**
   * After a coordinator moved indicators at triage: the countries preselected become those chosen before, without a
   * country the move emptied, with the country moved to; the proposal in words is made again.
   */
  @Transactional
  public void proposalChanged(Operation operation, String emptied, String to) {
    String processId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(operation.getReference())
        .processDefinitionKey(PROCESS).singleResult().getId();
    IndicatorPlacements.Proposal proposal = placements.proposal(operation.getReference());
    Set<String> countries = new java.util.LinkedHashSet<>(ProcessJson.stringList(COUNTRIES, runtime.getVariable(processId, COUNTRIES)));
    if (emptied != null && !proposal.counts().containsKey(emptied)) {
      countries.remove(emptied);
    }
    if (to != null) {
      countries.add(to);
    }
    List<String> chosen = List.copyOf(countries);
    assignments.settleCountries(operation, chosen);
    runtime.setVariables(processId, countryVariables(chosen, proposal));
  }

  /** Acknowledges the operation's tips and returns the open operations sharing indicators with it, most shared first. */
  @Transactional
  public List<Correlation> acknowledge(String reference) {
    tips.acknowledge(reference, clock.instant());
    return correlations(reference);
  }

  /** The open operations sharing indicators with this one, most shared first. */
  @Transactional(readOnly = true)
  public List<Correlation> correlations(String reference) {
    return indicators.sharedWithOpenOperations(reference).stream()
        .map(row -> new Correlation((String) row[0], ((Number) row[1]).longValue())).toList();
  }

  /** Another open operation and how many of this operation's indicators it holds too. */
  public record Correlation(String reference, long shared) {
    /** "4 shared indicators with OP-2026-0003", as triage reads it. */
    @Override
    public String toString() {
      return shared + " shared indicator" + (shared == 1 ? "" : "s") + " with " + reference;
    }
  }

  /**
   * The vendor's answer to an open information request; 409 when none is waiting. The whole answer is kept with the
   * request (the review page shows it); the process carries its opening, as for the summary.
   */
  @Transactional
  public void answerInformationRequest(String reference, String information) {
    informationRequests.answered(reference, information);
    correlate(reference, LegalReviewProcess.MSG_VENDOR_INFORMATION, VENDOR_INFORMATION, excerpt(information),
        "No information request is waiting for an answer on " + reference + ".");
  }

  /**
   * Withdraws the tip: in this one transaction the process leaves wherever it is, the operation
   * becomes WITHDRAWN, and whatever waits on it is closed (listeners of {@link OperationWithdrawn});
   * the recall notices follow in an asynchronous step.
   */
  @Transactional
  public void withdraw(String reference, String reason) {
    Stage stage = operations.get(reference).getStage();
    if (stage.isFinal()) {
      throw new ConflictException(reference + " has already ended (" + stage + ").");
    }
    correlate(reference, JointTakedownProcess.MSG_TIP_WITHDRAWN, WITHDRAWAL_REASON, reason, reference + " can no longer be withdrawn.");
    events.publishEvent(new OperationWithdrawn(reference));
  }

  private void correlate(String reference, String message, String variable, String value, String whenNothingWaits) {
    try {
      runtime.createMessageCorrelation(message).processInstanceBusinessKey(reference).setVariable(variable, value).correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(whenNothingWaits);
    }
  }

  /**
   * Adds the operation's indicators (pattern indicators too) to the target operation, which now carries the
   * correlated tip, and the intake warnings of its tips, so that the coordinators read them there as well. The copies
   * are credited to the target's own vendor (its lead contribution): a merged tip's vendor is no contributor (JOIN is).
   */
  @Transactional
  public void merge(String reference, String target) {
    Operation into = operations.get(target);
    Set<String> present = new HashSet<>();
    indicators.findByOperationReferenceOrderById(target).forEach(i -> present.add(i.getType() + " " + i.getNormalizedValue()));
    Map<Long, Long> copies = new LinkedHashMap<>();
    for (Indicator indicator : indicators.findByOperationReferenceOrderById(reference)) {
      if (present.add(indicator.getType() + " " + indicator.getNormalizedValue())) {
        copies.put(indicator.getId(), indicators.save(indicator.copyTo(into)).getId());
      }
    }
    placements.copy(copies);
    // Flushed first: the copies were saved through JPA, the credit is SQL.
    indicators.flush();
    contributions.creditUncreditedToLead(into.getId());
    copyIntakeWarnings(reference, into);
    operations.markMergedInto(reference, target);
    log.info("{} merged into {}", reference, target);
  }

  /** The intake warnings of the operation's tips, added to the target's so that the coordinators read them there too. */
  private void copyIntakeWarnings(String reference, Operation into) {
    Set<Long> warned = new HashSet<>();
    intakeWarnings.findByOperationReferenceOrderById(into.getReference()).forEach(w -> warned.add(w.getTip().getId()));
    intakeWarnings.findByOperationReferenceOrderById(reference).stream().filter(w -> !warned.contains(w.getTip().getId()))
        .forEach(w -> intakeWarnings.save(w.copyTo(into)));
  }

  /**
   * Joins the operation's tip to the target operation as a co-report: its vendor contributes to the target with its
   * tip's TLP and consent; each of its indicators the target holds already is credited to it as well, and the others are
   * copied into the target with their placements (as a merge copies them: where the target's countries were asked
   * already, the copies are routed to them and their units report on them with the rest) and credited to it. The tip's
   * own operation ends as JOINED. Safe to run again (a retried job): nothing is added twice.
   */
  @Transactional
  public Joined join(String reference, String target) {
    Operation tip = operations.get(reference);
    Operation into = operations.get(target);
    ContributionWriter.Joined joined = contributions.join(into.getId(), tip.getId(), clock.instant());
    copyIntakeWarnings(reference, into);
    operations.markJoinedTo(reference, target);
    long own = indicators.countByOperationReference(reference);
    log.info("{} joined {} as a co-report: {} indicators, {} the operation held already, {} copied", reference, target, own,
        joined.shared(), joined.copied());
    return new Joined(reference, target, own, joined.shared(), joined.copied());
  }

  /**
   * A tip joined to an operation: how many indicators it gave, how many of them another contributor of the target had
   * reported as well, how many were new to the target.
   */
  public record Joined(String reference, String target, long indicators, long alsoReported, long copied) {}

  private Intake validate(TipRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    // Counted first: a tip over the limits is refused whole, without checking its every element.
    if (request.countries() != null && request.countries().size() > limits.maxCountries()) {
      problems.add(new FieldProblem("countries", limits.tooManyCountries(request.countries().size())));
    }
    if (request.indicators() != null && request.indicators().size() > limits.maxIndicators()) {
      problems.add(new FieldProblem("indicators", limits.tooManyIndicators(request.indicators().size())));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    for (ConstraintViolation<TipRequest> violation : validator.validate(request)) {
      problems.add(new FieldProblem(violation.getPropertyPath().toString().replace(".<list element>", ""), violation.getMessage()));
    }
    Tlp tlp = Tlp.parse(request.tlp()).orElse(null);
    if (request.tlp() != null && !request.tlp().isBlank() && tlp == null) {
      problems.add(new FieldProblem("tlp", "'" + request.tlp() + "' is not a TLP 2.0 label; use TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN or TLP:CLEAR"));
    }
    Pap pap = request.pap() == null || request.pap().isBlank() ? Pap.AMBER : Pap.parse(request.pap()).orElse(null);
    if (pap == null) {
      problems.add(new FieldProblem("pap", "'" + request.pap() + "' is not a PAP label; use PAP:RED, PAP:AMBER, PAP:GREEN or PAP:CLEAR"));
    }
    List<String> countries = List.of();
    if (request.countries() != null && !request.countries().isEmpty()) {
      try {
        countries = CountryCodes.normalise("countries", request.countries());
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    Map<IndicatorKey, String> parsed = new LinkedHashMap<>();
    Map<IndicatorKey, List<String>> stated = new LinkedHashMap<>();
    Map<IndicatorKey, String> providers = new HashMap<>();
    List<TipRequest.IndicatorRequest> given = request.indicators() == null ? List.of() : request.indicators();
    for (int i = 0; i < given.size(); i++) {
      TipRequest.IndicatorRequest indicator = given.get(i);
      List<FieldProblem> wrong = TipRequest.IndicatorRequest.problems(i, indicator);
      if (!wrong.isEmpty()) {
        problems.addAll(wrong);
        continue;
      }
      IndicatorType type = IndicatorType.of(indicator.type()).orElse(null);
      if (type == null) {
        problems.add(new FieldProblem("indicators[" + i + "].type", "'" + indicator.type() + "' is not supported; use one of " + IndicatorType.ids()));
        continue;
      }
      String country = null;
      if (indicator.country() != null) {
        country = indicator.country().trim().toUpperCase(java.util.Locale.ROOT);
        if (!CountryCodes.isValid(country)) {
          try {
            CountryCodes.normalise("indicators[" + i + "].country", List.of(indicator.country()));
          } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(new FieldProblem(p.field().replace("country[0]", "country"), p.message())));
          }
          country = null;
        }
      }
      try {
        String value = indicator.value().trim();
        IndicatorKey key = new IndicatorKey(type, type.normalise(value));
        parsed.putIfAbsent(key, value);
        if (indicator.provider() != null && !indicator.provider().isBlank()) {
          providers.putIfAbsent(key, indicator.provider().strip());
        }
        if (country != null) {
          List<String> at = stated.computeIfAbsent(key, k -> new ArrayList<>());
          if (!at.contains(country)) {
            at.add(country);
          }
        }
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("indicators[" + i + "].value", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Intake(tlp, pap, countries, parsed, List.of(), stated, Map.of(), providers);
  }

  /** The countries a coordinator can pick at triage: the directory's and the tip's. */
  private List<Map<String, String>> countryOptions(List<String> tipCountries) {
    Set<String> codes = new TreeSet<>(tipCountries);
    directory.all().forEach(entry -> codes.add(entry.country()));
    return codes.stream().map(code -> Map.of("label", CountryCodes.name(code) + " (" + code + ")"
        + (directory.find(code).isEmpty() ? " – no national unit" : ""), "value", code)).toList();
  }

  /**
   * What the vendor should know at once about a tip just received: each country the tip names (for the tip or one
   * indicator) that the directory has no national unit for, with where the tip named it ({@code pointer} finds the
   * country's JSON pointer and the STIX object's id, or null for a country the tip does not name). The coordinators
   * settle it at triage.
   */
  @Transactional(readOnly = true)
  public List<IntakeWarning> countryWarnings(Operation operation, java.util.function.Function<String, String[]> pointer) {
    List<String> proposed = assignments.list(operation.getReference()).stream().map(a -> a.getCountry()).toList();
    // Only a country the vendor named (for the tip or an indicator): one the IP table or a ccTLD placed is the
    // coordinators' to settle at triage, where it is flagged, not the vendor's.
    return directory.withoutUnit(proposed).stream().filter(code -> pointer.apply(code) != null).map(code -> {
      String[] where = pointer.apply(code);
      return new IntakeWarning(where[0], where[1], "country",
          code + " (" + CountryCodes.name(code) + "): the fusion centre has no national unit for this country in its"
              + " directory; at triage the coordinators add one or leave the country out of the operation.", true);
    }).toList();
  }

  /** What was not taken of the operation's tips, wholly or in part, as each vendor was told; oldest first. */
  @Transactional(readOnly = true)
  public List<IntakeWarning> intakeWarnings(String reference) {
    return intakeWarnings.findByOperationReferenceOrderById(reference).stream().map(IntakeWarningEntry::warning).toList();
  }

  /** The process variable with the summary's opening, for the forms; the whole summary stays in the operation's row. */
  static final String SUMMARY = "summary";
  /** The longest excerpt a process variable holds: the engine's history of variables keeps 4,000 characters. */
  static final int SUMMARY_EXCERPT = 2_000;

  /**
   * Long text as far as a process variable holds it (the summary, a vendor's answer): the whole text when it is short,
   * else its opening cut at a word (never inside a surrogate pair) and a note that the rest is on the operation's page.
   * Documents, notices and the page read the whole text from our tables.
   */
  static String excerpt(String summary) {
    if (summary == null) {
      return "";
    }
    if (summary.length() <= SUMMARY_EXCERPT) {
      return summary;
    }
    int end = SUMMARY_EXCERPT;
    int space = summary.lastIndexOf(' ', end);
    if (space > SUMMARY_EXCERPT / 2) {
      end = space;
    } else if (Character.isHighSurrogate(summary.charAt(end - 1))) {
      end--;
    }
    return summary.substring(0, end).stripTrailing() + " … (" + (summary.length() - end)
        + " more characters on the operation's page)";
  }

  static final int SUMMARY_INDICATORS = 10;
  static final int SUMMARY_PATTERNS = 5;
  static final int SUMMARY_VALUE_LENGTH = 120;
  /** The engine's history keeps 4,000 characters of a string variable. */
  static final int SUMMARY_LENGTH = 3_900;

  static String indicatorSummary(Map<IndicatorKey, String> indicators) {
    return indicatorSummary(indicators, List.of());
  }

  /**
   * The first indicators as a Markdown list for the forms, each value in a code span so that
   * nothing in it is read as Markdown or becomes a link; then the first pattern indicators, each with its
   * pattern language and its opening; the rest are counted, and the page lists them all.
   */
  static String indicatorSummary(Map<IndicatorKey, String> indicators, List<PatternIndicator> patterns) {
    if (indicators.isEmpty() && patterns.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    indicators.entrySet().stream().limit(SUMMARY_INDICATORS).forEach(entry -> {
      // The normalised value is the one compared and searched; the value as sent, where it differs, beside it.
      String normalised = entry.getKey().normalized();
      text.append("- ").append(entry.getKey().type().id()).append(" `").append(codeSpan(normalised)).append("`");
      if (!normalised.equals(entry.getValue())) {
        text.append(" (sent as `").append(codeSpan(entry.getValue())).append("`)");
      }
      text.append("\n");
    });
    if (indicators.size() > SUMMARY_INDICATORS) {
      text.append("- and ").append(indicators.size() - SUMMARY_INDICATORS).append(" more\n");
    }
    patterns.stream().limit(SUMMARY_PATTERNS).forEach(p -> {
      text.append("- pattern (").append(StixIntakeMapping.escape(p.patternType())).append(") `").append(codeSpan(p.pattern())).append("`");
      if (p.name() != null) {
        text.append(" — ").append(StixIntakeMapping.escape(p.name()));
      }
      text.append("\n");
    });
    if (patterns.size() > SUMMARY_PATTERNS) {
      text.append("- and ").append(patterns.size() - SUMMARY_PATTERNS).append(" more pattern indicators\n");
    }
    if (!patterns.isEmpty()) {
      text.append("\nPattern indicators are kept whole, as the vendor wrote them; the operation's page lists them all.\n");
    }
    return text.length() <= SUMMARY_LENGTH ? text.toString()
        : text.substring(0, text.lastIndexOf("\n", SUMMARY_LENGTH - 40) + 1) + "- … more on the operation's page\n";
  }

  private static String codeSpan(String value) {
    String text = value.replaceAll("[`\\p{Cntrl}]", " ");
    return text.length() > SUMMARY_VALUE_LENGTH ? text.substring(0, SUMMARY_VALUE_LENGTH - 1) + "…" : text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  record IndicatorKey(IndicatorType type, String normalized) {}

  private record Opened(Operation operation, Tip tip) {}

  /** {@code stated}: the countries the vendor gives for single indicators; {@code statedPatterns}: for pattern indicators, by STIX id. */
  private record Intake(Tlp tlp, Pap pap, List<String> countries, Map<IndicatorKey, String> indicators, List<PatternIndicator> patterns,
      Map<IndicatorKey, List<String>> stated, Map<String, List<String>> statedPatterns, Map<IndicatorKey, String> providers) {}
}
