package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
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
      Map<String, Object> model = sections.operation(kind, operation, variables, now);
      model.putAll(sections.country(operation, country(variables), variables, now));
      // Units learn the vendor's name only if the tip allowed it.
      model.put("vendor", operation.isAttribution() ? operation.getVendor() : "a private-sector partner");
      return model;
    }
  }
}
