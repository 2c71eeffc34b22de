package org.takedown.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.stix.Observable;
import org.takedown.stix.ObservableType;
import org.takedown.stix.StixExporter;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixOperation;
import org.takedown.stix.StixTip;
import org.takedown.system.Caller;
import org.takedown.system.NotFoundException;
import org.takedown.system.Tlp;
import org.takedown.tip.Indicator;
import org.takedown.tip.IndicatorRepository;
import org.takedown.tip.StixBundleRecord;
import org.takedown.tip.StixBundleRepository;
import org.takedown.tip.TipSubmissions;

/**
 * One read-only collection per operation, for whoever may read the operation (the TLP rules of
 * {@link OperationAccess}; a caller who may not read it does not see the collection at all). Its
 * objects are the operation's STIX 2.1 export ({@link StixExporter}): report, indicators, context,
 * locations, relationships and marking definitions, marked with the operation's TLP, or for a
 * national unit with the release TLP of the legal decision.
 */
@Service
class OperationCollections {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperationAccess access;
  private final IndicatorRepository indicators;
  private final StixBundleRepository bundles;
  private final NationalAssignmentService assignments;
  private final HistoryService history;
  private final TipSubmissions submissions;
  private final StixIntake intake = new StixIntake();

  OperationCollections(OperationAccess access, IndicatorRepository indicators, StixBundleRepository bundles,
      NationalAssignmentService assignments, HistoryService history, TipSubmissions submissions) {
    this.access = access;
    this.indicators = indicators;
    this.bundles = bundles;
    this.assignments = assignments;
    this.history = history;
    this.submissions = submissions;
  }

  /** An object of a collection, with the time it was added (its version's time). */
  record Entry(String id, String type, String version, Instant dateAdded, JsonNode object) {}

  List<Operation> readable(Caller caller) {
    return access.list(caller, null);
  }

  /** The operation of a collection id, if the caller may read it; else the same 404 as for an unknown id. */
  Operation find(Caller caller, String collectionId) {
    return readable(caller).stream().filter(o -> Taxii.collectionId(o.getReference()).equals(collectionId)).findFirst()
        .orElseThrow(() -> new NotFoundException("No collection " + Taxii.clip(collectionId) + " that you may read."));
  }

  ObjectNode collection(Operation operation) {
    ObjectNode c = JSON.createObjectNode().put("id", Taxii.collectionId(operation.getReference()))
        .put("title", operation.getReference() + ": " + operation.getTitle())
        .put("description", "The STIX 2.1 export of operation " + operation.getReference()
            + ": its report, indicators, context and markings. Read-only.")
        .put("alias", operation.getReference()).put("can_read", true).put("can_write", false);
    c.putArray("media_types").add(Taxii.STIX_MEDIA_TYPE);
    return c;
  }

  /** The export's objects, ordered by date added, then id (the paging order). */
  @Transactional(readOnly = true)
  List<Entry> objects(Caller caller, Operation operation) {
    JsonNode bundle = StixExporter.export(export(caller, operation));
    // At the precision of the STIX timestamps, so that no object seems added before the operation.
    Instant created = operation.getCreatedAt().truncatedTo(ChronoUnit.MILLIS);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode object : bundle.path("objects")) {
      String version = object.path("modified").asText(object.path("created").asText());
      // The TLP definitions were published long before: they were added to this collection when it began.
      Instant added = object.has("modified") ? Taxii.parseTime("modified", version) : created;
      entries.add(new Entry(object.path("id").asText(), object.path("type").asText(), version, added, object));
    }
    entries.sort(Comparator.comparing(Entry::dateAdded).thenComparing(Entry::id));
    return entries;
  }

  /** The operation in the exporter's terms, from its indicators and the STIX bundles it was opened with. */
  private StixOperation export(Caller caller, Operation operation) {
    String reference = operation.getReference();
    List<StixOperation.Indicator> exported = new ArrayList<>();
    List<StixTip.ContextObject> context = new ArrayList<>();
    List<StixOperation.Relationship> relationships = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    for (StixBundleRecord record : bundles.findByOperationReferenceOrderById(reference)) {
      StixTip stix = intake.read(record.getContent(), submissions.defaultTlp());
      for (StixTip.StixIndicator i : stix.indicators()) {
        List<Observable> exact = i.exactObservables().stream().filter(o -> ObservableType.of(o.type()).isPresent()).toList();
        if (i.unparseable() || !"stix".equals(i.patternType()) || exact.isEmpty()) {
          continue;
        }
        // Its own pattern, id, name and description: relationships still point at it.
        exported.add(new StixOperation.Indicator("indicator".equals(i.source()) ? i.id() : null, exact.get(0).type(), exact.get(0).value(),
            i.pattern(), i.name(), i.description(), i.validFrom()));
        exact.forEach(o -> covered.add(o.type() + " " + o.normalizedValue()));
      }
      context.addAll(stix.context());
      stix.relationships().stream().filter(r -> r.targetRef() != null && !"sighting".equals(r.type()))
          .forEach(r -> relationships.add(new StixOperation.Relationship(r.sourceRef(), r.type(), r.targetRef())));
      stix.statements().stream().filter(s -> !statements.contains(s)).forEach(statements::add);
    }
    for (Indicator i : indicators.findByOperationReferenceOrderById(reference)) {
      if (ObservableType.of(i.getType()).isPresent() && covered.add(i.getType() + " " + i.getNormalizedValue())) {
        exported.add(new StixOperation.Indicator(i.getType(), i.getValue()));
      }
    }
    List<String> countries = assignments.list(reference).stream().filter(a -> a.getStatus() != AssignmentStatus.EXCLUDED)
        .map(a -> a.getCountry()).toList();
    return new StixOperation(reference, operation.getTitle(), operation.getSummary(), operation.getCreatedAt(),
        operation.getUpdatedAt(), markingTlp(caller, operation), countries, exported, context, relationships, statements);
  }

  /** National units read at the release TLP of the legal decision, as their notices do; everyone else at the operation's. */
  private Tlp markingTlp(Caller caller, Operation operation) {
    if (caller.isStaff() || operation.getVendor().equals(caller.user()) || caller.unitCountries().isEmpty()) {
      return operation.getTlp();
    }
    List<String> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(operation.getReference())
        .processDefinitionKey(JointTakedownProcess.KEY).list().stream().map(HistoricProcessInstance::getId).toList();
    if (instances.isEmpty()) {
      return operation.getTlp();
    }
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .variableName(JointTakedownProcess.RELEASE_TLP).list().stream().map(HistoricVariableInstance::getValue)
        .filter(v -> v != null).map(v -> Tlp.parse(v.toString()).orElse(null)).filter(t -> t != null)
        .findFirst().orElse(operation.getTlp());
  }
}
