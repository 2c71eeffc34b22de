package org.takedown.partner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.HandoverStatus;
import org.takedown.provider.PreservationFollowUp;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequestKind;

/**
 * What a national unit has done, does now and does later for one operation and country, and so its next step: computed
 * here only, from the assignment's status, the handover, the provider requests and the results task. The steps come in
 * the order a unit meets them; the next step is the first one to do now.
 */
public final class UnitSteps {

  private UnitSteps() {}

  /** The steps of a unit, in their order. */
  public enum Step {
    /** Accept or decline the assignment. */
    ANSWER,
    /** Download the evidence package. */
    DOWNLOAD,
    /** Confirm (or deny) that the package arrived whole. */
    CONFIRM,
    /** Send the drafted preservation and takedown requests to the providers. */
    SEND,
    /** Record what each provider answered. */
    ANSWERS,
    /** Report what became of the unit's indicators. */
    RESULTS,
    /** Renew a running preservation, or follow it with a mutual assistance request, before it runs out. */
    FOLLOW_UP
  }

  public enum State { DONE, NOW, LATER }

  /** Why there is no next step: nothing (there is one), the unit declined, no longer concerned, operation ended, all done, waiting for others. */
  public enum Ending { NONE, DECLINED, NOT_CONCERNED, ENDED, ALL_DONE, WAITING }

  /** One provider request as the steps need it. */
  public record Request(ProviderRequestKind kind, boolean sent, ProviderAnswer answer, Instant preservedUntil, PreservationFollowUp followUp) {

    /** As {@code ProviderRequest.preservationRunning}: sent, not refused, neither followed by mutual assistance nor lapsed. */
    boolean preservationRunning() {
      return kind == ProviderRequestKind.PRESERVATION && sent && answer != ProviderAnswer.REFUSED
          && followUp != PreservationFollowUp.MUTUAL_ASSISTANCE && followUp != PreservationFollowUp.LAPSED;
    }
  }

  /**
   * Where the country stands. {@code answerDue}, {@code receiptDue}, {@code resultsDue}: the due dates of the open tasks
   * (null when the task is not open); {@code evidenceOpened}: the newest download link of the package was opened.
   */
  public record Situation(AssignmentStatus status, boolean answerOpen, Instant answerDue, HandoverStatus handover, boolean evidenceOpened,
      boolean receiptOpen, Instant receiptDue, List<Request> requests, boolean resultsOpen, Instant resultsDue, boolean resultsDone,
      boolean operationEnded) {

    public Situation {
      requests = List.copyOf(requests);
    }
  }

  /** One line of the page: a step, its state and its deadline (null for none). */
  public record Line(Step step, State state, Instant due) {}

  /** The lines of the page, the next step (null when there is none) and, then, why. */
  public record Plan(List<Line> lines, Line next, Ending ending, Line waitingFor) {}

  public static Plan plan(Situation s) {
    AssignmentStatus status = s.status();
    boolean accepted = status == AssignmentStatus.ACCEPTED;
    boolean asked = status == AssignmentStatus.REQUESTED || s.answerOpen();
    if (!accepted && !asked) {
      List<Line> answered = status == AssignmentStatus.DECLINED ? List.of(new Line(Step.ANSWER, State.DONE, null)) : List.of();
      Ending why = s.operationEnded() ? Ending.ENDED : status == AssignmentStatus.DECLINED ? Ending.DECLINED : Ending.NOT_CONCERNED;
      return new Plan(answered, null, why, null);
    }
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(Step.ANSWER, accepted ? State.DONE : State.NOW, accepted ? null : s.answerDue()));

    HandoverStatus handover = s.handover();
    if (handover != HandoverStatus.ABORTED) {
      boolean received = handover == HandoverStatus.RECEIVED;
      boolean handedOver = handover == HandoverStatus.HANDED_OVER;
      lines.add(new Line(Step.DOWNLOAD, received || handedOver && s.evidenceOpened() ? State.DONE : handedOver ? State.NOW : State.LATER,
          handedOver && !s.evidenceOpened() ? s.receiptDue() : null));
      lines.add(new Line(Step.CONFIRM, received ? State.DONE : handedOver || s.receiptOpen() ? State.NOW : State.LATER,
          received ? null : s.receiptDue()));
    }

    List<Request> requests = s.requests();
    if (!requests.isEmpty()) {
      boolean allSent = requests.stream().allMatch(Request::sent);
      lines.add(new Line(Step.SEND, allSent ? State.DONE : accepted ? State.NOW : State.LATER, null));
      boolean allAnswered = requests.stream().allMatch(r -> r.answer() != null);
      boolean awaiting = requests.stream().anyMatch(r -> r.sent() && r.answer() == null);
      lines.add(new Line(Step.ANSWERS, allAnswered ? State.DONE : awaiting ? State.NOW : State.LATER, null));
    }
    lines.add(new Line(Step.RESULTS, s.resultsDone() ? State.DONE : s.resultsOpen() ? State.NOW : State.LATER,
        s.resultsDone() ? null : s.resultsDue()));
    List<Request> preservations = requests.stream().filter(r -> r.kind() == ProviderRequestKind.PRESERVATION).toList();
    if (!preservations.isEmpty()) {
      Instant runsOut = preservations.stream().filter(Request::preservationRunning).map(Request::preservedUntil).filter(Objects::nonNull)
          .min(Comparator.naturalOrder()).orElse(null);
      boolean running = preservations.stream().anyMatch(Request::preservationRunning);
      boolean settled = preservations.stream().allMatch(r -> r.sent() && !r.preservationRunning());
      lines.add(new Line(Step.FOLLOW_UP, running ? State.NOW : settled ? State.DONE : State.LATER, runsOut));
    }

    if (s.operationEnded()) {
      // Nothing is asked of a unit once the operation ended: what it did stays on the page.
      return new Plan(lines.stream().filter(l -> l.state() == State.DONE).toList(), null, Ending.ENDED, null);
    }
    Line next = lines.stream().filter(l -> l.state() == State.NOW).findFirst().orElse(null);
    if (next != null) {
      return new Plan(lines, next, Ending.NONE, null);
    }
    Line waiting = lines.stream().filter(l -> l.state() == State.LATER).findFirst().orElse(null);
    return new Plan(lines, null, waiting == null ? Ending.ALL_DONE : Ending.WAITING, waiting);
  }
}
