package org.takedown.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;
import org.takedown.partner.ActionLinks;
import org.takedown.partner.DownloadLinks;
import org.takedown.partner.PartnerAction;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/** The buttons of a notice to a unit: one signed link per action; a new notice's links replace the open ones. */
@Component
class ActionButtons {

  private final ActionLinks links;
  private final DownloadLinks downloads;
  private final PartnerMessages messages;

  ActionButtons(ActionLinks links, DownloadLinks downloads, PartnerMessages messages) {
    this.links = links;
    this.downloads = downloads;
    this.messages = messages;
  }

  /** The buttons labelled in the unit's language ({@code action.<ACTION>} of the common texts). */
  List<Map<String, String>> issue(Operation operation, String processInstanceId, String recipient, Language language, PartnerAction... actions) {
    List<Map<String, String>> buttons = new ArrayList<>();
    for (PartnerAction action : actions) {
      String label = language.equals(Language.ENGLISH) ? action.label() : messages.text(language, "action." + action.name());
      buttons.add(Map.of("label", label, "url", links.issue(operation, processInstanceId, action, recipient),
          "kind", action.secondary() ? "secondary" : "primary"));
    }
    return buttons;
  }

  /** The step's links still open stop working (a reminder issues fresh ones; an escalation none). */
  void revokeOpen(String processInstanceId, PartnerAction action) {
    links.revokeOpen(processInstanceId, action.taskKey());
  }

  /** No emailed link of the operation works any more, download links included. */
  void revokeAll(String reference) {
    links.revokeAll(reference);
    downloads.revokeAll(reference);
  }
}
