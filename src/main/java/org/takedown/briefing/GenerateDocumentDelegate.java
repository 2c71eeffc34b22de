package org.takedown.briefing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The "Generate …" steps of the models; the kind comes from the step's input parameter documentKind. */
@Component("generateDocument")
class GenerateDocumentDelegate implements JavaDelegate {

  private final DocumentService documents;

  GenerateDocumentDelegate(DocumentService documents) {
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    documents.generate(DocumentKind.valueOf((String) execution.getVariable("documentKind")), execution, execution.getProcessBusinessKey());
  }
}
