package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Language;

/**
 * A unit reads its real mails in its language: France's unit (French by its country's default) gets its assignment
 * request in French, from the subject to the buttons and the deadline, with nothing of another country; the coordinators
 * still read English.
 */
@TakedownTest
class UnitMailLanguageMailTest {

  static final String FRENCH_UNIT = "ofac@fr.units.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;

  @Test
  void franceReadsItsAssignmentRequestInFrench() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("FR", "DE")));

    List<MimeMessage> received = MailBox.to(mail, FRENCH_UNIT, ref);
    assertThat(received).hasSize(1);
    MimeMessage request = received.get(0);
    assertThat(request.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " demande de mission\u00a0: France");
    String text = MailBox.text(request, "text/plain");
    String html = MailBox.text(request, "text/html");
    Instant due = driver.task(ref, "Task_RespondToAssignment", "FR").getDueDate().toInstant();
    String deadline = Language.of("fr").dateTime(due);
    assertThat(deadline).matches("\\d{1,2} [a-zéû]+ \\d{4}, \\d{2}:\\d{2} UTC");
    assertThat(text).contains("TLP:AMBER – Organisation du destinataire et ses clients, selon le besoin d’en connaître.",
        "À l’attention de Office anti-cybercriminalité (OFAC)\u00a0: le centre de fusion vous demande d’agir dans le cadre de l’opération",
        "(pays\u00a0: France)", "2 des 2 indicateurs de l’opération vous sont attribués (France).", "Merci de répondre au plus tard le ",
        "Accepter la mission\u00a0: http", "Refuser la mission\u00a0: http", "Chaque lien ouvre une page qui vous demande de confirmer")
        .doesNotContain("the fusion centre", "Please answer", "Accept the assignment", "Germany", "Allemagne", "??");
    // The deadline as the task has it, to the minute (the request is recorded a moment before the task opens).
    assertThat(text.contains(deadline) || text.contains(Language.of("fr").dateTime(due.minusSeconds(60)))).as(deadline).isTrue();
    assertThat(html).contains("<html lang=\"fr\" dir=\"ltr\">", ">Accepter la mission</a>", "Chaque bouton ouvre une page")
        .doesNotContain("Each button", "Permissible actions");

    // The link works as every link does.
    assertThat(MailBox.link(request, "Accept the assignment")).contains("/partner/actions/");

    // Germany's unit, in the same operation, reads English.
    MimeMessage german = MailBox.to(mail, "so4@de.units.example", ref).get(0);
    assertThat(german.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " assignment request: Germany");
    assertThat(MailBox.text(german, "text/plain")).contains("Please answer by ").doesNotContain("France");
  }
}
