package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import java.util.Locale;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.stix.StixExporter;
import org.takedown.system.Caller;
import org.takedown.system.Tlp;

/** An operation as a STIX 2.1 bundle, for the partners' threat-intelligence platforms. */
@RestController
class StixExportController {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  private final OperationAccess access;
  private final StixExport export;
  private final HistoryService history;

  StixExportController(OperationAccess access, StixExport export, HistoryService history) {
    this.access = access;
    this.export = export;
    this.history = history;
  }

  /**
   * Readers of the operation only (anyone else gets the 404 of an unknown reference). A national unit
   * receives it marked with the release TLP of the legal decision, as its documents are.
   */
  @GetMapping("/api/operations/{reference}/stix")
  ResponseEntity<byte[]> stix(@PathVariable String reference) {
    Caller caller = Caller.current();
    Operation operation = access.readable(caller, reference.toUpperCase(Locale.ROOT));
    Tlp tlp = operation.getTlp();
    if (!caller.isStaff() && !operation.getVendor().equals(caller.user())) {
      tlp = releaseTlp(operation.getReference(), tlp);
    }
    byte[] bundle = StixExporter.toJson(export.of(operation, tlp));
    return ResponseEntity.ok().contentType(STIX_21)
        .header("Content-Disposition", "attachment; filename=\"" + operation.getReference() + "-stix.json\"").body(bundle);
  }

  private Tlp releaseTlp(String reference, Tlp tlp) {
    var process = history.createHistoricProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY)
        .processInstanceBusinessKey(reference).singleResult();
    if (process == null) {
      return tlp;
    }
    // The process-level variable (a task may hold a local copy of the same name).
    return history.createHistoricVariableInstanceQuery().processInstanceId(process.getId()).variableName(RELEASE_TLP).list().stream()
        .filter(v -> process.getId().equals(v.getExecutionId()) && v.getValue() != null)
        .map(HistoricVariableInstance::getValue).findFirst()
        .flatMap(v -> Tlp.parse(v.toString())).orElse(tlp);
  }
}
