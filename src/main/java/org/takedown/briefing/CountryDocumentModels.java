package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.takedown.operation.Operation;

/**
 * The per-country documents: the national assignment brief (the operation, and the unit asked to
 * act on it) and the evidence handover receipt (the same, and the items handed over). Both read the
 * shared sections and the country's own.
 */
@Configuration(proxyBeanMethods = false)
class CountryDocumentModels {

  @Bean
  DocumentModel assignmentBriefModel(OperationSections sections) {
    return new CountryDocument(DocumentKind.ASSIGNMENT_BRIEF, sections);
  }

  @Bean
  DocumentModel handoverReceiptModel(OperationSections sections) {
    return new CountryDocument(DocumentKind.HANDOVER_RECEIPT, sections);
  }

  private record CountryDocument(DocumentKind kind, OperationSections sections) implements DocumentModel {

    @Override
    public String country(VariableScope variables) {
      return (String) variables.getVariable("country");
    }

    @Override
    public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
      // A unit's documents carry what the disclosure policy gives a unit: the indicators routed to its country, no
      // vendor summary, the vendor (and the terms its STIX bundle carries, which name it) only if the tip allowed attribution.
      Disclosure unit = OperationAccess.forUnit(operation, country(variables));
      Map<String, Object> model = sections.operation(kind, operation, variables, now, unit);
      model.putAll(sections.country(operation, country(variables), variables, now));
      model.put("vendor", unit.vendorLabel());
      if (!unit.seesSummary()) {
        model.put("summary", "");
      }
      if (!unit.namesVendor()) {
        model.remove("vendorTerms");
      }
      return model;
    }
  }
}
