package org.takedown.briefing;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.system.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.legal.InformationRequests;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.Tlp;
import org.takedown.system.Hashes;
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
  private final ExcelTracker tracker;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  DocumentService(DocumentRepository documents, WordDocuments word, OperationService operations, NationalAssignmentService assignments,
      IndicatorRepository indicators, InformationRequests informationRequests, HistoryService history, ExcelTracker tracker,
      JdbcTemplate jdbc, Clock clock) {
    this.documents = documents;
    this.word = word;
    this.operations = operations;
    this.assignments = assignments;
    this.indicators = indicators;
    this.informationRequests = informationRequests;
    this.history = history;
    this.tracker = tracker;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new version of the operation's Excel tracker, as it stands now. */
  @Transactional
  public Document generateTracker(String reference) {
    Operation operation = operations.get(reference);
    Instant now = clock.instant();
    List<String[]> summary = List.of(
        new String[] {"Reference", operation.getReference()},
        new String[] {"Title", operation.getTitle()},
        new String[] {"Summary", nullToEmpty(operation.getSummary())},
        new String[] {"TLP rule", operation.getTlp().sharingRule()},
        new String[] {"PAP", operation.getPap().label() + ": " + operation.getPap().rule()},
        new String[] {"Stage", operation.getStage().name()},
        new String[] {"Vendor", operation.getVendor()},
        new String[] {"Opened", TIME.format(operation.getCreatedAt())},
        new String[] {"Closed", operation.getClosedAt() == null ? "" : TIME.format(operation.getClosedAt())},
        new String[] {"Outcome", nullToEmpty(operation.getOutcomeSummary())},
        new String[] {"Generated", TIME.format(now)});
    ExcelTracker.Rows indicatorRows = row -> jdbc.query("""
        select i.type, i.indicator_value, i.normalized_value, t.received_at
        from indicator i join tip t on t.id = i.tip_id join operation o on o.id = i.operation_id
        where o.reference = ? order by i.id""",
        (ResultSet rs) -> {
          row.accept(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), TIME.format(rs.getTimestamp(4).toInstant())});
        }, reference);
    List<String[]> countries = new ArrayList<>();
    for (CountryAssignment a : assignments.list(reference)) {
      countries.add(new String[] {a.getCountry(), CountryCodes.name(a.getCountry()), nullToEmpty(a.getNationalUnit()), a.getStatus().name(),
          nullToEmpty(a.getResponder()), nullToEmpty(a.getResponseNote()), a.getRequestedAt() == null ? "" : TIME.format(a.getRequestedAt()),
          a.getRespondedAt() == null ? "" : TIME.format(a.getRespondedAt()), Integer.toString(a.getReminders()),
          a.getHandoverStatus() == null ? "" : a.getHandoverStatus().name(), nullToEmpty(a.getOutcome())});
    }
    List<String[]> timeline = timeline(reference).stream().map(r -> new String[] {(String) r.get("activity"), (String) r.get("assignee"),
        (String) r.get("start"), (String) r.get("end"), (String) r.get("duration")}).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tracker.write(new ExcelTracker.Contents(reference, operation.getTlp(), TIME.format(now), summary, indicatorRows,
        ExcelTracker.Rows.of(countries), ExcelTracker.Rows.of(evidence(reference)), ExcelTracker.Rows.of(timeline)), out);
    byte[] content = out.toByteArray();
    int version = documents.latestVersion(reference, DocumentKind.TRACKER, null) + 1;
    Document document = documents.save(new Document(operation, DocumentKind.TRACKER, null, version,
        reference + "-operation-tracker-v" + version + ".xlsx", ExcelTracker.CONTENT_TYPE, operation.getTlp(), Hashes.sha256(content), content, now));
    log.info("{}: tracker v{} generated ({} bytes)", reference, version, content.length);
    return document;
  }

  /** The evidence items handed over per country, from the evidence-handover instances (running or ended). */
  private List<String[]> evidence(String reference) {
    List<String[]> rows = new ArrayList<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("evidence-handover").orderByProcessInstanceStartTime().asc().list()) {
      Map<String, Object> variables = new LinkedHashMap<>();
      history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableNameIn("country", "evidenceItems")
          .disableCustomObjectDeserialization().list().forEach(v -> variables.put(v.getName(), v.getValue()));
      String country = (String) variables.get("country");
      String handover = country == null ? "" : assignments.get(reference, country).getHandoverStatus() == null ? ""
          : assignments.get(reference, country).getHandoverStatus().name();
      List<String> items = ProcessJson.stringList("evidenceItems", variables.get("evidenceItems"));
      for (int i = 0; i < items.size(); i++) {
        rows.add(new String[] {nullToEmpty(country), Integer.toString(i + 1), items.get(i), handover});
      }
    }
    return rows;
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
        Hashes.sha256(content), content, now));
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
    // Sections ({{?legal}}…{{/legal}}) read their fields from the section's own object.
    if (model.get("legalBasis") != null) {
      model.put("legal", Map.of("basis", model.get("legalBasis"), "releaseTlp", String.valueOf(model.get("releaseTlp"))));
    }
    if (model.get("secondApprover") != null) {
      model.put("fourEyes", Map.of("by", model.get("secondApprover")));
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
          row.put("assignee", who(a));
          row.put("start", TIME.format(a.getStartTime().toInstant()));
          row.put("end", a.getEndTime() == null ? "" : TIME.format(a.getEndTime().toInstant()));
          row.put("duration", a.getDurationInMillis() == null ? "" : Duration.ofMillis(a.getDurationInMillis()).toString());
          rows.add(row);
        });
    return rows;
  }

  /** Who did a step: the assignee, or whoever completed the task (the engine's operation log), or the system. */
  private String who(HistoricActivityInstance activity) {
    if (activity.getAssignee() != null) {
      return activity.getAssignee();
    }
    if (activity.getTaskId() == null) {
      return "userTask".equals(activity.getActivityType()) ? "" : "Takedown";
    }
    return history.createUserOperationLogQuery().taskId(activity.getTaskId()).operationType("Complete").list().stream()
        .map(entry -> entry.getUserId()).filter(user -> user != null).findFirst().orElse("");
  }


  private static String yesNo(Object value) {
    return value == null ? null : Boolean.TRUE.equals(value) ? "yes" : "no";
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
