package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;
import static org.takedown.briefing.Formats.yesNo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.legal.InformationRequests;
import org.takedown.operation.Operation;
import org.takedown.system.CountryCodes;
import org.takedown.system.ProcessJson;
import org.takedown.tip.IndicatorRepository;

/** The sections the Word documents share (the operation, the legal decision, indicators, countries, timeline), and a country's. */
@Component
class OperationSections {

  private final NationalAssignmentService assignments;
  private final IndicatorRepository indicators;
  private final InformationRequests informationRequests;
  private final Timeline timeline;

  OperationSections(NationalAssignmentService assignments, IndicatorRepository indicators, InformationRequests informationRequests,
      Timeline timeline) {
    this.assignments = assignments;
    this.indicators = indicators;
    this.informationRequests = informationRequests;
    this.timeline = timeline;
  }

  Map<String, Object> operation(DocumentKind kind, Operation operation, VariableScope variables, Instant now) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", operation.getReference());
    model.put("title", operation.getTitle());
    model.put("summary", text(operation.getSummary()));
    model.put("stage", operation.getStage().name());
    model.put("vendor", operation.getVendor());
    model.put("pap", operation.getPap().label());
    model.put("papRule", operation.getPap().rule());
    model.put("generatedAt", TIME.format(now));
    model.put("documentTitle", kind.title());
    for (String name : List.of("legalDecision", "legalBasis", "releaseTlp", "reviewLevel", "legalApprover", "secondApprover")) {
      Object value = variables.getVariable(name);
      model.put(name, value == null ? null : value.toString());
    }
    // Sections ({{?legal}}…{{/legal}}) read their fields from the section's own object.
    if (model.get("legalBasis") != null) {
      model.put("legal", Map.of("basis", model.get("legalBasis"), "releaseTlp", String.valueOf(model.get("releaseTlp"))));
    }
    if (model.get("secondApprover") != null) {
      model.put("fourEyes", Map.of("by", model.get("secondApprover")));
    }
    model.put("mlatRequired", yesNo(variables.getVariable("mlatRequired")));
    model.put("dataProtectionCheck", yesNo(variables.getVariable("dataProtectionCheck")));
    model.put("indicators", indicators.findByOperationReferenceOrderById(operation.getReference()).stream()
        .map(i -> Map.of("type", i.getType(), "value", i.getValue())).toList());
    List<Map<String, Object>> countries = new ArrayList<>();
    for (CountryAssignment a : assignments.list(operation.getReference())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", CountryCodes.name(a.getCountry()) + " (" + a.getCountry() + ")");
      row.put("nationalUnit", text(a.getNationalUnit()));
      row.put("status", a.getStatus().name());
      row.put("outcome", text(a.getOutcome()));
      countries.add(row);
    }
    model.put("countries", countries);
    model.put("informationRequests", informationRequests.list(operation.getReference()).stream()
        .map(r -> Map.of("question", r.getQuestion(), "requestedBy", r.getRequestedBy(), "status", r.getStatus().name(),
            "answer", text(r.getAnswer()))).toList());
    model.put("timeline", timeline.of(operation.getReference()));
    model.put("outcomeSummary", text(operation.getOutcomeSummary()));
    model.put("closedAt", operation.getClosedAt() == null ? TIME.format(now) : TIME.format(operation.getClosedAt()));
    return model;
  }

  /** The unit asked to act and the evidence items of the per-country instance. */
  Map<String, Object> country(Operation operation, String country, VariableScope variables, Instant now) {
    Map<String, Object> model = new LinkedHashMap<>();
    CountryAssignment assignment = assignments.get(operation.getReference(), country);
    model.put("countryName", CountryCodes.name(country));
    model.put("nationalUnit", text(assignment.getNationalUnit()));
    model.put("releasingParty", "Fusion centre coordinators, for " + operation.getReference());
    model.put("handedOverAt", TIME.format(now));
    List<String> items = ProcessJson.stringList("evidenceItems", variables.getVariable("evidenceItems"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      rows.add(Map.of("number", Integer.toString(i + 1), "description", items.get(i)));
    }
    model.put("items", rows);
    return model;
  }
}
