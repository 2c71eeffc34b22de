package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.legal.LegalReviewProcess;

/** Legal officers are mailed when a review waits for them; the second approval goes to the officers who may give it. */
@TakedownTest
class LegalReviewNoticeTest {

  static final String LENA = "lena@takedown.example";
  static final String LEON = "leon@takedown.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;

  @Test
  void everyLegalOfficerIsToldAReviewWaitsAndAgainWhenTheVendorHasAnswered() throws Exception {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE", "FR")));

    for (String officer : List.of(LENA, LEON)) {
      List<MimeMessage> received = waiting(officer, ref);
      assertThat(received).as(officer).hasSize(1);
      MimeMessage notice = received.get(0);
      assertThat(notice.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " legal review waits: C2 servers of a banking trojan");
      assertThat(MailBox.text(notice, "text/plain")).contains("waits for a legal officer (standard review)",
          "Countries: Germany (DE), France (FR)", "MLAT needed: no", "http://localhost:8080/operations/" + ref,
          "http://localhost:8080/review");
      assertThat(MailBox.text(notice, "text/html")).contains("href=\"http://localhost:8080/operations/" + ref + "\"");
    }
    assertThat(waiting("cora@takedown.example", ref)).isEmpty();
    assertThat(waiting("vera@takedown.example", ref)).isEmpty();

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Who rents the servers?"));
    assertThat(waiting(LENA, ref)).as("nothing waits while the vendor is asked").hasSize(1);
    driver.correlate(ref, LegalReviewProcess.MSG_VENDOR_INFORMATION, Map.of(LegalReviewProcess.VENDOR_INFORMATION, "ExampleHost"));
    driver.runJobs(ref);

    assertThat(waiting(LEON, ref)).hasSize(2);
    assertThat(MailBox.text(waiting(LEON, ref).get(1), "text/plain")).contains("The vendor has answered the information request.");
  }

  @Test
  void theSecondApprovalGoesToTheOtherOfficersOnly() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("personalData", true);
    tip.put("crossBorderEvidence", true);
    String ref = driver.openForLegalReview(tip);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));

    assertThat(waiting(LENA, ref)).as("lena approved: she may not give the second approval").hasSize(1);
    List<MimeMessage> leon = waiting(LEON, ref);
    assertThat(leon).hasSize(2);
    assertThat(leon.get(1).getSubject()).isEqualTo("[TLP:AMBER] " + ref + " second legal approval waits: C2 servers of a banking trojan");
    assertThat(MailBox.text(leon.get(1), "text/plain")).contains("lena has approved", "needs a second approval from another legal officer",
        "http://localhost:8080/operations/" + ref);
  }

  @Test
  void aTlpRedReviewNoticeCarriesNoContent() throws Exception {
    Map<String, Object> secret = tip("TLP:RED", list("DE"));
    secret.put("title", "Operation NIGHTJAR");
    String ref = driver.openForLegalReview(secret);

    MimeMessage notice = waiting(LENA, ref).get(0);
    assertThat(notice.getSubject()).isEqualTo("[TLP:RED] " + ref + " a legal review waits");
    // The page to sign in to is named by its reference, which the subject carries anyway; nothing of the content.
    assertThat(MailBox.everything(notice)).contains("sign in to read it: http://localhost:8080/operations/" + ref)
        .doesNotContain("NIGHTJAR", "Germany");
  }

  private List<MimeMessage> waiting(String address, String reference) {
    return MailBox.to(mail, address, reference).stream().filter(m -> kind(m).equals("LEGAL_REVIEW_WAITING")).toList();
  }

  private static String kind(MimeMessage message) {
    try {
      return message.getHeader("X-Takedown-Notice")[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
