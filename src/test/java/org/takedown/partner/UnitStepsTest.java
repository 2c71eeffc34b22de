package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.partner.UnitSteps.State.DONE;
import static org.takedown.partner.UnitSteps.State.LATER;
import static org.takedown.partner.UnitSteps.State.NOW;
import static org.takedown.partner.UnitSteps.Step.ANSWER;
import static org.takedown.partner.UnitSteps.Step.ANSWERS;
import static org.takedown.partner.UnitSteps.Step.CONFIRM;
import static org.takedown.partner.UnitSteps.Step.DOWNLOAD;
import static org.takedown.partner.UnitSteps.Step.FOLLOW_UP;
import static org.takedown.partner.UnitSteps.Step.RESULTS;
import static org.takedown.partner.UnitSteps.Step.SEND;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.HandoverStatus;
import org.takedown.partner.UnitSteps.Ending;
import org.takedown.partner.UnitSteps.Plan;
import org.takedown.partner.UnitSteps.Request;
import org.takedown.partner.UnitSteps.Situation;
import org.takedown.partner.UnitSteps.State;
import org.takedown.partner.UnitSteps.Step;
import org.takedown.provider.PreservationFollowUp;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequestKind;

/** The next step of a unit in each state its country can be in: one place computes it, this says what it is. */
class UnitStepsTest {

  static final Instant ANSWER_BY = Instant.parse("2026-12-10T12:00:00Z");
  static final Instant RECEIPT_BY = Instant.parse("2026-12-14T12:00:00Z");
  static final Instant RESULTS_BY = Instant.parse("2027-01-07T12:00:00Z");
  static final Instant UNTIL = Instant.parse("2027-02-05T00:00:00Z");

  static final Request UNSENT_PRESERVATION = new Request(ProviderRequestKind.PRESERVATION, false, null, null, null);
  static final Request UNSENT_TAKEDOWN = new Request(ProviderRequestKind.TAKEDOWN, false, null, null, null);
  static final Request SENT_PRESERVATION = new Request(ProviderRequestKind.PRESERVATION, true, null, UNTIL, null);
  static final Request SENT_TAKEDOWN = new Request(ProviderRequestKind.TAKEDOWN, true, null, null, null);
  static final Request PRESERVED = new Request(ProviderRequestKind.PRESERVATION, true, ProviderAnswer.COMPLIED, UNTIL, null);
  static final Request TAKEN_DOWN = new Request(ProviderRequestKind.TAKEDOWN, true, ProviderAnswer.COMPLIED, null, null);

  static Situation asked() {
    return new Situation(AssignmentStatus.REQUESTED, true, ANSWER_BY, null, false, false, null, List.of(), false, null, false, false);
  }

  static Situation accepted(List<Request> requests) {
    return new Situation(AssignmentStatus.ACCEPTED, false, null, null, false, false, null, requests, false, null, false, false);
  }

  static Situation handedOver(boolean opened, List<Request> requests) {
    return new Situation(AssignmentStatus.ACCEPTED, false, null, HandoverStatus.HANDED_OVER, opened, true, RECEIPT_BY, requests, false, null,
        false, false);
  }

  static Situation received(List<Request> requests, boolean resultsDone) {
    return new Situation(AssignmentStatus.ACCEPTED, false, null, HandoverStatus.RECEIVED, true, false, null, requests, !resultsDone,
        resultsDone ? null : RESULTS_BY, resultsDone, false);
  }

  static Map<Step, State> states(Plan plan) {
    return plan.lines().stream().collect(Collectors.toMap(UnitSteps.Line::step, UnitSteps.Line::state, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Test
  void askedTheUnitAnswersByTheTasksDueDateAndEverythingElseComesLater() {
    Plan plan = UnitSteps.plan(asked());
    assertThat(plan.next().step()).isEqualTo(ANSWER);
    assertThat(plan.next().due()).isEqualTo(ANSWER_BY);
    assertThat(states(plan)).containsExactly(Map.entry(ANSWER, NOW), Map.entry(DOWNLOAD, LATER), Map.entry(CONFIRM, LATER),
        Map.entry(RESULTS, LATER));
  }

  @Test
  void acceptedWithDraftsTheUnitSendsThemWhileTheEvidenceIsPrepared() {
    Plan plan = UnitSteps.plan(accepted(List.of(UNSENT_PRESERVATION, UNSENT_TAKEDOWN)));
    assertThat(plan.next().step()).isEqualTo(SEND);
    assertThat(states(plan)).containsExactly(Map.entry(ANSWER, DONE), Map.entry(DOWNLOAD, LATER), Map.entry(CONFIRM, LATER),
        Map.entry(SEND, NOW), Map.entry(ANSWERS, LATER), Map.entry(RESULTS, LATER), Map.entry(FOLLOW_UP, LATER));
  }

  @Test
  void acceptedWithoutDraftsTheUnitWaitsForTheEvidence() {
    Plan plan = UnitSteps.plan(accepted(List.of()));
    assertThat(plan.next()).isNull();
    assertThat(plan.ending()).isEqualTo(Ending.WAITING);
    assertThat(plan.waitingFor().step()).isEqualTo(DOWNLOAD);
  }

  @Test
  void handedOverTheUnitDownloadsThenConfirmsByTheReceiptsDueDate() {
    Plan unopened = UnitSteps.plan(handedOver(false, List.of(UNSENT_PRESERVATION)));
    assertThat(unopened.next().step()).isEqualTo(DOWNLOAD);
    assertThat(unopened.next().due()).isEqualTo(RECEIPT_BY);

    Plan opened = UnitSteps.plan(handedOver(true, List.of(UNSENT_PRESERVATION)));
    assertThat(opened.next().step()).isEqualTo(CONFIRM);
    assertThat(opened.next().due()).isEqualTo(RECEIPT_BY);
    assertThat(states(opened)).containsEntry(DOWNLOAD, DONE).containsEntry(SEND, NOW);
  }

  @Test
  void aPackageNotReceivedOrInQuarantineWaitsForTheCoordinators() {
    for (HandoverStatus status : List.of(HandoverStatus.NOT_RECEIVED, HandoverStatus.RECEIPT_OVERDUE, HandoverStatus.QUARANTINED)) {
      Plan plan = UnitSteps.plan(new Situation(AssignmentStatus.ACCEPTED, false, null, status, true, false, null, List.of(), false, null, false,
          false));
      assertThat(states(plan)).as(status.name()).containsEntry(DOWNLOAD, LATER).containsEntry(CONFIRM, LATER);
      assertThat(plan.ending()).as(status.name()).isEqualTo(Ending.WAITING);
    }
    Plan aborted = UnitSteps.plan(new Situation(AssignmentStatus.ACCEPTED, false, null, HandoverStatus.ABORTED, false, false, null,
        List.of(), false, null, false, false));
    assertThat(states(aborted)).doesNotContainKeys(DOWNLOAD, CONFIRM);
  }

  @Test
  void receivedTheUnitSendsItsRequestsBeforeItRecordsAnswersAndReports() {
    Plan send = UnitSteps.plan(received(List.of(UNSENT_PRESERVATION, SENT_TAKEDOWN), false));
    assertThat(send.next().step()).isEqualTo(SEND);
    assertThat(states(send)).containsEntry(ANSWERS, NOW).containsEntry(RESULTS, NOW).containsEntry(FOLLOW_UP, LATER);

    Plan answers = UnitSteps.plan(received(List.of(SENT_PRESERVATION, SENT_TAKEDOWN), false));
    assertThat(answers.next().step()).isEqualTo(ANSWERS);

    Plan results = UnitSteps.plan(received(List.of(PRESERVED, TAKEN_DOWN), false));
    assertThat(results.next().step()).isEqualTo(RESULTS);
    assertThat(results.next().due()).isEqualTo(RESULTS_BY);
    assertThat(states(results)).containsEntry(SEND, DONE).containsEntry(ANSWERS, DONE).containsEntry(FOLLOW_UP, NOW);
  }

  @Test
  void aRunningPreservationIsTheLastStepUntilItIsFollowedUpItsDeadlineTheEarliestEnd() {
    Instant sooner = Instant.parse("2027-01-20T00:00:00Z");
    Request soonerPreserved = new Request(ProviderRequestKind.PRESERVATION, true, ProviderAnswer.NO_ANSWER, sooner, null);
    Plan plan = UnitSteps.plan(received(List.of(PRESERVED, soonerPreserved, TAKEN_DOWN), true));
    assertThat(plan.next().step()).isEqualTo(FOLLOW_UP);
    assertThat(plan.next().due()).isEqualTo(sooner);

    Request renewed = new Request(ProviderRequestKind.PRESERVATION, true, ProviderAnswer.COMPLIED, UNTIL.plusSeconds(86_400 * 60),
        PreservationFollowUp.RENEWED);
    assertThat(UnitSteps.plan(received(List.of(renewed, TAKEN_DOWN), true)).next().step()).as("a renewal runs out too").isEqualTo(FOLLOW_UP);

    Request assisted = new Request(ProviderRequestKind.PRESERVATION, true, ProviderAnswer.COMPLIED, UNTIL, PreservationFollowUp.MUTUAL_ASSISTANCE);
    Request refused = new Request(ProviderRequestKind.PRESERVATION, true, ProviderAnswer.REFUSED, UNTIL, null);
    Plan done = UnitSteps.plan(received(List.of(assisted, refused, TAKEN_DOWN), true));
    assertThat(done.next()).isNull();
    assertThat(done.ending()).isEqualTo(Ending.ALL_DONE);
    assertThat(states(done)).containsEntry(FOLLOW_UP, DONE).containsEntry(RESULTS, DONE);
  }

  @Test
  void aDeclinedDroppedOrEndedCountryHasNoNextStep() {
    Plan declined = UnitSteps.plan(new Situation(AssignmentStatus.DECLINED, false, null, null, false, false, null, List.of(), false, null,
        false, false));
    assertThat(declined.next()).isNull();
    assertThat(declined.ending()).isEqualTo(Ending.DECLINED);
    assertThat(states(declined)).containsExactly(Map.entry(ANSWER, DONE));

    for (AssignmentStatus status : List.of(AssignmentStatus.DROPPED, AssignmentStatus.OVERDUE)) {
      Plan plan = UnitSteps.plan(new Situation(status, false, null, null, false, false, null, List.of(), false, null, false, false));
      assertThat(plan.ending()).as(status.name()).isEqualTo(Ending.NOT_CONCERNED);
    }

    Plan ended = UnitSteps.plan(new Situation(AssignmentStatus.ACCEPTED, false, null, HandoverStatus.RECEIVED, true, false, null,
        List.of(PRESERVED, SENT_TAKEDOWN), false, null, true, true));
    assertThat(ended.next()).isNull();
    assertThat(ended.ending()).isEqualTo(Ending.ENDED);
    assertThat(ended.lines()).allMatch(l -> l.state() == DONE);
  }

  @Test
  void anOverdueAnswerWhoseTaskIsStillOpenIsStillTheNextStep() {
    Plan plan = UnitSteps.plan(new Situation(AssignmentStatus.OVERDUE, true, ANSWER_BY, null, false, false, null, List.of(), false, null,
        false, false));
    assertThat(plan.next().step()).isEqualTo(ANSWER);
  }
}
