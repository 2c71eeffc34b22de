package org.takedown.briefing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.legal.InformationRequests;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.Tlp;
import org.takedown.system.ProcessJson;
import org.takedown.tip.IndicatorRepository;

/** Produces an operation's documents at the steps of the models that need them, each as a new version. */
@Service
public class DocumentService {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final Set<String> TIMELINE_TYPES = Set.of("userTask", "serviceTask", "businessRuleTask", "callActivity", "receiveTask");
  private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

  private final DocumentRepository documents;
  private final WordDocuments word;
  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final IndicatorRepository indicators;
  private final InformationRequests informationRequests;
  private final HistoryService history;
  private final Clock clock;

  DocumentService(DocumentRepository documents, WordDocuments word, OperationService operations, NationalAssignmentService assignments,
      IndicatorRepository indicators, InformationRequests informationRequests, HistoryService history, Clock clock) {
    this.documents = documents;
    this.word = word;
    this.operations = operations;
    this.assignments = assignments;
    this.indicators = indicators;
    this.informationRequests = informationRequests;
    this.history = history;
    this.clock = clock;
  }

  /** Generates the document for the step's operation (and country, in the per-country models). */
  @Transactional
  public Document generate(DocumentKind kind, DelegateExecution execution) {
    Operation operation = operations.get(execution.getProcessBusinessKey());
    String country = kind == DocumentKind.ASSIGNMENT_BRIEF || kind == DocumentKind.HANDOVER_RECEIPT ? (String) execution.getVariable("country") : null;
    Tlp tlp = operation.getTlp();
    Object release = execution.getVariable("releaseTlp");
    if (kind.forUnits() && release != null) {
      tlp = Tlp.parse(release.toString()).orElse(tlp);
    }
    Instant now = clock.instant();
    Map<String, Object> model = model(kind, operation, country, execution, now);
    byte[] content = word.render(kind.template(), tlp, model);
    int version = documents.latestVersion(operation.getReference(), kind, country) + 1;
    String fileName = operation.getReference() + "-" + kind.template() + (country == null ? "" : "-" + country) + "-v" + version + ".docx";
    Document document = documents.save(new Document(operation, kind, country, version, fileName, WordDocuments.CONTENT_TYPE, tlp,
        sha256(content), content, now));
    log.info("{}: {} v{} generated ({} bytes, SHA-256 {})", operation.getReference(), kind, version, content.length, document.getSha256());
    return document;
  }

  private Map<String, Object> model(DocumentKind kind, Operation operation, String country, DelegateExecution execution, Instant now) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", operation.getReference());
    model.put("title", operation.getTitle());
    model.put("summary", nullToEmpty(operation.getSummary()));
    model.put("stage", operation.getStage().name());
    model.put("vendor", operation.getVendor());
    model.put("pap", operation.getPap().label());
    model.put("papRule", operation.getPap().rule());
    model.put("generatedAt", TIME.format(now));
    model.put("documentTitle", kind.title());
    for (String name : List.of("legalDecision", "legalBasis", "releaseTlp", "reviewLevel", "legalApprover", "secondApprover")) {
      Object value = execution.getVariable(name);
      model.put(name, value == null ? null : value.toString());
    }
    model.put("mlatRequired", yesNo(execution.getVariable("mlatRequired")));
    model.put("dataProtectionCheck", yesNo(execution.getVariable("dataProtectionCheck")));
    model.put("indicators", indicators.findByOperationReferenceOrderById(operation.getReference()).stream()
        .map(i -> Map.of("type", i.getType(), "value", i.getValue())).toList());
    List<Map<String, Object>> countries = new ArrayList<>();
    for (CountryAssignment a : assignments.list(operation.getReference())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", CountryCodes.name(a.getCountry()) + " (" + a.getCountry() + ")");
      row.put("nationalUnit", nullToEmpty(a.getNationalUnit()));
      row.put("status", a.getStatus().name());
      row.put("outcome", nullToEmpty(a.getOutcome()));
      countries.add(row);
    }
    model.put("countries", countries);
    model.put("informationRequests", informationRequests.list(operation.getReference()).stream()
        .map(r -> Map.of("question", r.getQuestion(), "requestedBy", r.getRequestedBy(), "status", r.getStatus().name(),
            "answer", nullToEmpty(r.getAnswer()))).toList());
    model.put("timeline", timeline(operation.getReference()));
    model.put("outcomeSummary", nullToEmpty(operation.getOutcomeSummary()));
    model.put("closedAt", operation.getClosedAt() == null ? TIME.format(now) : TIME.format(operation.getClosedAt()));
    if (country != null) {
      CountryAssignment assignment = assignments.get(operation.getReference(), country);
      model.put("countryName", CountryCodes.name(country));
      model.put("nationalUnit", nullToEmpty(assignment.getNationalUnit()));
      model.put("releasingParty", "Fusion centre coordinators, for " + operation.getReference());
      model.put("handedOverAt", TIME.format(now));
      List<String> items = ProcessJson.stringList("evidenceItems", execution.getVariable("evidenceItems"));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        rows.add(Map.of("number", Integer.toString(i + 1), "description", items.get(i)));
      }
      model.put("items", rows);
    }
    return model;
  }

  /** The steps people and services took, from Camunda's history, across the operation's instances. */
  List<Map<String, Object>> timeline(String reference) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
    List<HistoricActivityInstance> activities = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list());
    }
    activities.stream().filter(a -> TIMELINE_TYPES.contains(a.getActivityType()))
        .sorted((x, y) -> x.getStartTime().compareTo(y.getStartTime()))
        .forEach(a -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("activity", nullToEmpty(a.getActivityName()));
          row.put("assignee", nullToEmpty(a.getAssignee()));
          row.put("start", TIME.format(a.getStartTime().toInstant()));
          row.put("end", a.getEndTime() == null ? "" : TIME.format(a.getEndTime().toInstant()));
          rows.add(row);
        });
    return rows;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String yesNo(Object value) {
    return value == null ? null : Boolean.TRUE.equals(value) ? "yes" : "no";
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
