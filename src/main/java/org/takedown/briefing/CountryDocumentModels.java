package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/**
 * The per-country documents: the national assignment brief (the operation, and the unit asked to
 * act on it) and the evidence handover receipt (the same, and the items handed over). Both read the
 * shared sections and the country's own.
 */
@Configuration(proxyBeanMethods = false)
class CountryDocumentModels {

  @Bean
  DocumentModel assignmentBriefModel(OperationSections sections, NationalAssignmentService assignments, PartnerMessages messages) {
    return new CountryDocument(DocumentKind.ASSIGNMENT_BRIEF, sections, assignments, messages);
  }

  @Bean
  DocumentModel handoverReceiptModel(OperationSections sections, NationalAssignmentService assignments, PartnerMessages messages) {
    return new CountryDocument(DocumentKind.HANDOVER_RECEIPT, sections, assignments, messages);
  }

  private record CountryDocument(DocumentKind kind, OperationSections sections, NationalAssignmentService assignments,
      PartnerMessages messages) implements DocumentModel {

    @Override
    public String country(VariableScope variables) {
      return (String) variables.getVariable("country");
    }

    /** The language of the unit asked, in which its brief and receipt are written. */
    @Override
    public Language language(Operation operation, VariableScope variables) {
      return assignments.get(operation.getReference(), country(variables)).getUnitLanguage();
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
      Language language = language(operation, variables);
      if (!language.equals(Language.ENGLISH)) {
        inLanguage(model, language, operation, country(variables), variables, now, unit);
      }
      return model;
    }

    /**
     * The words the model computes, in the unit's language: what the operation's people wrote (title, legal basis,
     * descriptions) stays as written; in Arabic a reference or name inside a sentence is isolated so it keeps its direction.
     */
    private void inLanguage(Map<String, Object> model, Language language, Operation operation, String country, VariableScope variables,
        Instant now, Disclosure unit) {
      String reference = operation.getReference();
      String countryName = CountryCodes.name(country, language);
      model.put("countryName", countryName);
      model.put("nationalUnit", RequestDrafts.isolate(String.valueOf(model.get("nationalUnit")), language));
      model.put("generatedAt", language.dateTime(now));
      model.put("handedOverAt", language.dateTime(now));
      if (!unit.namesVendor()) {
        model.put("vendor", messages.text(language, "documents.vendor.unnamed"));
      }
      model.put("papRule", messages.text(language, "documents.pap." + operation.getPap().name()));
      for (Map.Entry<String, Object> e : model.entrySet()) {
        if (OperationSections.NOT_DECIDED.equals(e.getValue())) {
          e.setValue(messages.text(language, "documents.notDecided"));
        }
      }
      if (model.get("indicators") instanceof java.util.List<?> listed) {
        String sentAs = messages.text(language, "documents.indicator.sentAs");
        model.put("indicators", listed.stream().map(r -> {
          Map<String, Object> row = new java.util.HashMap<>();
          ((Map<?, ?>) r).forEach((k, v) -> row.put(String.valueOf(k), v));
          row.put("value", OperationSections.sentAs(row.get("value"), sentAs));
          return row;
        }).toList());
      }
      if (model.get("indicators") instanceof java.util.List<?> rows && model.containsKey("indicatorScope")) {
        long total = sections.indicatorTotal(reference);
        model.put("indicatorScope", rows.isEmpty()
            ? messages.text(language, "documents.brief.scope.none", RequestDrafts.count(total, language), countryName)
            : messages.text(language, "documents.brief.scope.some", RequestDrafts.count(rows.size(), language), RequestDrafts.count(total, language),
                countryName));
      }
      Object coordinator = variables.getVariable("releasedBy");
      String ref = RequestDrafts.leftToRight(reference, language);
      model.put("releasingParty", coordinator == null ? messages.text(language, "documents.receipt.releasingParty", ref)
          : messages.text(language, "documents.receipt.releasingPartyBy", ref, RequestDrafts.leftToRight(coordinator.toString(), language)));
      model.put("purpose", messages.text(language, "documents.receipt.purpose", ref, countryName));
    }
  }
}
