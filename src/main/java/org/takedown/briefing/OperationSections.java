package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;
import static org.takedown.briefing.Formats.yesNo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.evidence.CustodyStanding;
import org.takedown.evidence.EvidenceHandover;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.legal.InformationRequests;
import org.takedown.operation.Operation;
import org.takedown.system.CountryCodes;
import org.takedown.system.Sizes;
import org.takedown.system.ProcessJson;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.tip.Indicator;
import org.takedown.tip.IndicatorEntry;
import org.takedown.tip.OperationIndicators;
import org.takedown.tip.StixExport;

/** The sections the Word documents share (the operation, the legal decision, indicators, countries, timeline), and a country's. */
@Component
class OperationSections {

  private final NationalAssignmentService assignments;
  private final OperationIndicators indicators;
  private final InformationRequests informationRequests;
  private final Timeline timeline;
  private final HistoryService history;
  private final EvidenceHandover handover;
  private final StixExport stix;
  private final EvidenceRegister register;
  private final WordDocuments words;
  private final NationalUnitDirectory directory;

  OperationSections(NationalAssignmentService assignments, OperationIndicators indicators, InformationRequests informationRequests,
      Timeline timeline, HistoryService history, EvidenceHandover handover, StixExport stix, EvidenceRegister register, WordDocuments words,
      NationalUnitDirectory directory) {
    this.directory = directory;
    this.words = words;
    this.register = register;
    this.history = history;
    this.handover = handover;
    this.stix = stix;
    this.assignments = assignments;
    this.indicators = indicators;
    this.informationRequests = informationRequests;
    this.timeline = timeline;
  }

  static final String NOT_DECIDED = "not yet decided";
  /** Input parameter of a "Generate …" step: the stage the operation enters with this document, when it is not yet the operation's. */
  static final String DOCUMENT_STAGE = "documentStage";
  private static final List<String> LEGAL = List.of("legalDecision", "legalBasis", "releaseTlp", "reviewLevel", "legalApprover",
      "secondApprover", "mlatRequired", "dataProtectionCheck");

  /**
   * The legal review's values: the step's own, else the operation's main instance's (a per-country
   * instance is not handed the legal basis or the approvers by its call activity).
   */
  private Map<String, Object> legalValues(String reference, Function<String, Object> own) {
    Map<String, Object> values = new LinkedHashMap<>();
    LEGAL.forEach(name -> values.put(name, own.apply(name)));
    if (values.values().stream().anyMatch(v -> v == null)) {
      List<String> main = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
          .processDefinitionKey("joint-takedown").list().stream().map(HistoricProcessInstance::getId).toList();
      if (!main.isEmpty()) {
        history.createHistoricVariableInstanceQuery().processInstanceIdIn(main.toArray(String[]::new))
            .variableNameIn(LEGAL.toArray(String[]::new)).disableCustomObjectDeserialization().list().stream()
            .filter(v -> v.getValue() != null && values.get(v.getName()) == null)
            .forEach(v -> values.put(v.getName(), v.getValue()));
      }
    }
    return values;
  }

  /** The legal review for a document made outside a step (the tracker): decision, basis, who decided, release TLP. */
  List<String[]> legalRows(String reference) {
    Map<String, Object> legal = legalValues(reference, name -> null);
    Object approver = legal.get("legalApprover");
    Object second = legal.get("secondApprover");
    return List.of(
        new String[] {"Legal decision", legal.get("legalDecision") == null ? NOT_DECIDED : decision(legal.get("legalDecision").toString())},
        new String[] {"Legal basis", orNotDecided(legal.get("legalBasis") == null ? null : legal.get("legalBasis").toString())},
        new String[] {"Decided by", approver == null ? NOT_DECIDED : approver + (second == null ? "" : "; second approval (four eyes) by " + second)},
        new String[] {"Release TLP", orNotDecided(legal.get("releaseTlp") == null ? null : legal.get("releaseTlp").toString())});
  }

  private static String decision(String decision) {
    return switch (decision) {
      case "APPROVE" -> "Approved";
      case "REJECT" -> "Rejected";
      default -> Formats.words(decision);
    };
  }

  private static String orNotDecided(String value) {
    return value == null ? NOT_DECIDED : value;
  }

  Map<String, Object> operation(DocumentKind kind, Operation operation, VariableScope variables, Instant now) {
    return operation(kind, operation, variables, now, OperationAccess.forCentre(operation));
  }

  /** @param reader whose indicators the document lists (need to know): the fusion centre's documents all, a unit's its own */
  Map<String, Object> operation(DocumentKind kind, Operation operation, VariableScope variables, Instant now, Disclosure reader) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", operation.getReference());
    model.put("title", operation.getTitle());
    model.put("summary", text(operation.getSummary()));
    // Copyright and terms of use the vendor put on its STIX bundle go wherever its data goes.
    List<String> statements = stix.statements(operation.getReference());
    if (!statements.isEmpty()) {
      model.put("vendorTerms", Map.of("text", String.join(" | ", statements)));
    }
    List<String> context = stix.context(operation, reader);
    if (!context.isEmpty()) {
      model.put("stixContext", Map.of("text", String.join("; ", context) + "."));
    }
    // A document made as the operation moves on (the briefing, at approval) names the stage it is entering.
    Object entering = variables.getVariable(DOCUMENT_STAGE);
    model.put("stage", Formats.words(entering == null ? operation.getStage().name() : entering.toString()));
    model.put("vendor", operation.getVendorName());
    model.put("pap", operation.getPap().label());
    model.put("papRule", operation.getPap().rule());
    model.put("generatedAt", TIME.format(now));
    model.put("documentTitle", kind.title());
    Map<String, Object> legal = legalValues(operation.getReference(), variables::getVariable);
    for (String name : LEGAL) {
      Object value = legal.get(name);
      model.put(name, value == null ? NOT_DECIDED : value.toString());
    }
    model.put("legalDecision", legal.get("legalDecision") == null ? NOT_DECIDED : decision(legal.get("legalDecision").toString()));
    model.put("reviewLevel", legal.get("reviewLevel") == null ? NOT_DECIDED : Formats.words(legal.get("reviewLevel").toString()));
    // Sections ({{?legal}}…{{/legal}}) read their fields from the section's own object.
    if (legal.get("legalBasis") != null) {
      model.put("legal", Map.of("basis", model.get("legalBasis"), "releaseTlp", String.valueOf(model.get("releaseTlp"))));
    }
    if (legal.get("secondApprover") != null) {
      model.put("fourEyes", Map.of("by", model.get("secondApprover")));
    }
    model.put("mlatRequired", orNotDecided(yesNo(legal.get("mlatRequired"))));
    model.put("dataProtectionCheck", orNotDecided(yesNo(legal.get("dataProtectionCheck"))));
    // Only for the documents that print them (the memo does not): an operation may hold tens of thousands.
    if (words.uses(kind.template(), "indicators") || words.uses(kind.template(), "indicatorScope")) {
      OperationIndicators.Seen seen = indicators.seen(operation.getReference(), reader);
      model.put("indicators", seen.entries().stream().map(OperationSections::indicator).toList());
      model.put("indicatorScope", reader.indicatorScope(seen.count(), seen.total())
          + (seen.count() == 0 ? "." : seen.count() == seen.total() ? "; this brief lists " + (seen.total() == 1 ? "it." : "them all.")
          : "; this brief lists " + (seen.count() == 1 ? "that one." : "those " + String.format(java.util.Locale.ENGLISH, "%,d", seen.count()) + ".")));
    }
    List<Map<String, Object>> countries = new ArrayList<>();
    List<Map<String, Object>> evidence = new ArrayList<>();
    for (CountryAssignment a : assignments.list(operation.getReference())) {
      String receipt = a.getReceiptAnsweredAt() == null ? Formats.reportedHash(a.getHandoverStatus(), null)
          : Formats.words(a.getHandoverStatus().name()) + ", " + TIME.format(a.getReceiptAnsweredAt());
      for (String item : a.getEvidenceItems()) {
        evidence.add(Map.of("country", CountryCodes.name(a.getCountry()) + " (" + a.getCountry() + ")", "item", item,
            "reportedSha256", Formats.reportedHash(a.getHandoverStatus(), a.getReportedSha256().get(item)), "receipt", receipt));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", CountryCodes.name(a.getCountry()) + " (" + a.getCountry() + ")");
      row.put("nationalUnit", unit(a));
      row.put("status", Formats.words(a.getStatus().name()));
      row.put("outcome", Formats.outcome(a.getOutcome(), operation.getStage().isFinal()));
      countries.add(row);
    }
    model.put("countries", countries);
    model.put("evidence", evidence);
    // The register: every item with its registered hash and where its custody stands (closure report).
    Map<String, CustodyStanding> standings = register.standings(operation.getReference());
    model.put("register", register.items(operation.getReference()).stream().map(i -> Map.of("label", i.label(),
        "description", i.getDescription(), "type", i.getType().label(), "sha256", i.getSha256(),
        "size", Sizes.exact(i.getSizeBytes()), "status", standings.get(i.label()).label())).toList());
    List<Map<String, Object>> requests = informationRequests.list(operation.getReference()).stream()
        .map(r -> Map.<String, Object>of("question", r.getQuestion(), "requestedBy", r.getRequestedBy(), "status", Formats.words(r.getStatus().name()),
            "answer", text(r.getAnswer()))).toList();
    model.put("informationRequests", requests);
    // The memo prints the table only when there were requests, and "None" otherwise (poi-tl has no inverted section).
    model.put("informationRequested", !requests.isEmpty());
    model.put("noInformationRequests", requests.isEmpty());
    // Made from the engine's history: only for the documents that print it.
    if (words.uses(kind.template(), "timeline")) {
      model.put("timeline", timeline.of(operation.getReference()));
    }
    model.put("outcomeSummary", text(operation.getOutcomeSummary()));
    model.put("closedAt", operation.getClosedAt() == null ? TIME.format(now) : TIME.format(operation.getClosedAt()));
    return model;
  }

  /** How many indicators the operation holds, whoever reads them. */
  long indicatorTotal(String reference) {
    return indicators.total(reference);
  }

  /** A pattern indicator's pattern is printed whole up to this many characters; the STIX export carries the rest. */
  static final int PATTERN_PRINTED = 4_000;

  /**
   * An indicator's row: its type and value as matched, with the vendor's spelling beside it where that differs; a pattern
   * indicator as "pattern (stix)" and its pattern verbatim, with the STIX indicator's name.
   */
  static Map<String, Object> indicator(IndicatorEntry i) {
    if (!Indicator.PATTERN.equals(i.type())) {
      return Map.of("type", i.type(), "value", Formats.indicator(i.normalizedValue(), i.value()));
    }
    String pattern = i.value();
    String printed = pattern.length() <= PATTERN_PRINTED ? pattern
        : pattern.substring(0, PATTERN_PRINTED) + " … (" + (pattern.length() - PATTERN_PRINTED) + " more characters in the STIX export)";
    return Map.of("type", "pattern (" + (i.patternType() == null ? "stix" : i.patternType()) + ")",
        "value", printed + (i.name() == null ? "" : " — named “" + i.name() + "”"));
  }

  /** An indicator row's value with "(sent as …)" in another language's words: "(reçu sous la forme …)". */
  static String sentAs(Object value, String words) {
    return String.valueOf(value).replace(" (sent as ", " (" + words + " ");
  }

  /**
   * The country's unit as it stands: the one asked; before the request, the directory's unit that will be asked;
   * none for a country left out at triage.
   */
  String unit(CountryAssignment assignment) {
    if (assignment.getNationalUnit() != null) {
      return assignment.getNationalUnit();
    }
    return switch (assignment.getStatus()) {
      case PROPOSED -> directory.find(assignment.getCountry()).map(e -> "to be asked: " + e.unit().name())
          .orElse("none: the directory lists no unit for " + CountryCodes.inProse(assignment.getCountry()));
      case EXCLUDED -> "not asked (left out at triage)";
      default -> NOT_DECIDED;
    };
  }

  /**
   * The unit asked to act and, for the handover receipt, the parties, the purpose and the package's register items
   * (label, description, SHA-256, size) of the per-country instance.
   */
  Map<String, Object> country(Operation operation, String country, VariableScope variables, Instant now) {
    Map<String, Object> model = new LinkedHashMap<>();
    CountryAssignment assignment = assignments.get(operation.getReference(), country);
    model.put("countryName", CountryCodes.name(country));
    model.put("nationalUnit", unit(assignment));
    Object coordinator = variables.getVariable("releasedBy");
    model.put("releasingParty", "Fusion centre, for operation " + operation.getReference()
        + (coordinator == null ? "" : "; coordinator " + coordinator));
    model.put("purpose", "Takedown of operation " + operation.getReference() + " in " + CountryCodes.inProse(country));
    model.put("handedOverAt", TIME.format(now));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String label : ProcessJson.stringList("evidenceItems", variables.getVariable("evidenceItems"))) {
      EvidenceItem item = handover.item(operation.getReference(), label).orElse(null);
      rows.add(Map.of("label", label, "description", item == null ? "not in the register" : item.getDescription(),
          "sha256", item == null ? "" : item.getSha256(), "size", item == null ? "" : Sizes.exact(item.getSizeBytes())));
    }
    model.put("items", rows);
    return model;
  }
}
