package org.takedown.partner;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.system.OperationLogContext;
import org.takedown.system.TakedownTimers;

/**
 * Signed, expiring, single-use action links. The token is {@code <nonce>.<expiry>.<HMAC>}; the HMAC
 * covers the nonce, the process instance, the task, the action and the expiry, so a token cannot be
 * altered to act on another task or with another action, and the stored link makes it single-use.
 */
@Component
public class ActionLinks {

  private static final Logger log = LoggerFactory.getLogger(ActionLinks.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ActionLinkRepository links;
  private final Clock clock;
  private final byte[] secret;
  private final Duration validity;
  private final String publicUrl;
  private final TakedownTimers timers;

  ActionLinks(ActionLinkRepository links, Clock clock, @Value("${takedown.actions.secret:}") String secret,
      @Value("${takedown.actions.link-validity:P7D}") Duration validity, @Value("${takedown.public-url:http://localhost:8080}") String publicUrl,
      TakedownTimers timers) {
    this.links = links;
    this.timers = timers;
    this.clock = clock;
    this.validity = validity;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    if (secret.isBlank()) {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      this.secret = random;
      log.warn("takedown.actions.secret is not set: emailed action links are signed with a random key and stop working at restart");
    } else if (secret.length() < 32) {
      throw new IllegalStateException("takedown.actions.secret must be at least 32 characters");
    } else {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A new link for an open (or about to open) task; earlier unused links of that task stop working. */
  @Transactional
  public String issue(Operation operation, String processInstanceId, PartnerAction action, String recipient) {
    Instant now = clock.instant();
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String nonce = HexFormat.of().formatHex(random);
    Instant expires = now.plus(validity);
    if (action == PartnerAction.REPORT_RESULTS) {
      // A unit reports over weeks: its results link works until the results deadline, however short link-validity is.
      Instant deadline = timers.dueIn(timers.getResultsDeadline()).toInstant();
      expires = deadline.isAfter(expires) ? deadline : expires;
    }
    links.save(new ActionLink(nonce, operation, processInstanceId, action.taskKey(), action, recipient, now, expires));
    return publicUrl + "/partner/actions/" + nonce + "." + expires.getEpochSecond() + "."
        + sign(nonce, processInstanceId, action.taskKey(), action.name(), expires.getEpochSecond());
  }

  @Transactional
  public void revokeOpen(String processInstanceId, String taskKey) {
    links.revokeOpen(processInstanceId, taskKey, clock.instant());
  }

  /** Every unused link of an operation stops working (the tip was withdrawn). */
  @Transactional
  public void revokeAll(String reference) {
    links.revokeAll(reference, clock.instant());
  }

  /** The link a token names, checked but not used; throws {@link LinkProblem} saying what is wrong. */
  @Transactional(readOnly = true, noRollbackFor = LinkProblem.class)
  public ActionLink check(String token) {
    ActionLink link = find(token);
    if (link == null) {
      throw LinkProblem.invalid();
    }
    OperationLogContext.put(link.getOperation().getReference());
    if (link.getOperation().getStage() == Stage.WITHDRAWN) {
      throw LinkProblem.withdrawn(link.getOperation().getReference());
    }
    if (link.getUsedAt() != null) {
      throw LinkProblem.used(link, link.getUsedAt());
    }
    if (link.getRevokedAt() != null) {
      // Revoked because its own email was answered (the other button) and the task went on, e.g. to the
      // alternate unit: say what this unit answered, not that a newer email (sent to someone else) replaced it.
      throw links.findFirstByProcessInstanceIdAndTaskKeyAndRecipientAndUsedAtLessThanEqualOrderByUsedAtDesc(link.getProcessInstanceId(),
          link.getTaskKey(), link.getRecipient(), link.getRevokedAt()).map(LinkProblem::answered).orElseGet(LinkProblem::superseded);
    }
    if (!clock.instant().isBefore(link.getExpiresAt())) {
      throw LinkProblem.expired();
    }
    return link;
  }

  /** The link a correctly signed token names, used, expired or not; null for any other token. */
  @Transactional(readOnly = true)
  public ActionLink find(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3 || !parts[0].matches("[0-9a-f]{32}") || !parts[1].matches("\\d{1,12}")) {
      return null;
    }
    ActionLink link = links.findById(parts[0]).orElse(null);
    if (link == null) {
      return null;
    }
    String expected = sign(link.getNonce(), link.getProcessInstanceId(), link.getTaskKey(), link.getAction().name(),
        link.getExpiresAt().getEpochSecond());
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))
        || Long.parseLong(parts[1]) != link.getExpiresAt().getEpochSecond()) {
      return null;
    }
    return link;
  }

  /** Marks the link used, in the transaction that performs its action. */
  @Transactional(noRollbackFor = LinkProblem.class)
  public void use(ActionLink link) {
    if (links.use(link.getNonce(), clock.instant()) != 1) {
      // The committed time, not this transaction's cached copy of the link, which still says unused.
      throw LinkProblem.used(link, links.usedAt(link.getNonce()));
    }
  }

  /**
   * Used within the last two minutes: a press of it now is the same press again (a double click, a reload). A double
   * click's second request may leave before the first one's answer arrives, so no cookie could tell that browser apart.
   */
  boolean justUsed(Instant usedAt) {
    return usedAt != null && usedAt.plus(PRESSED_AGAIN).isAfter(clock.instant());
  }

  static final Duration PRESSED_AGAIN = Duration.ofMinutes(2);

  /** The link of this task that was used, if an emailed link answered it: what the unit answered, and when. */
  @Transactional(readOnly = true)
  public java.util.Optional<ActionLink> usedFor(String processInstanceId, String taskKey) {
    return links.findFirstByProcessInstanceIdAndTaskKeyAndUsedAtIsNotNullOrderByUsedAtDesc(processInstanceId, taskKey);
  }

  String sign(String nonce, String processInstanceId, String taskKey, String action, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] signature = mac.doFinal(String.join("|", nonce, processInstanceId, taskKey, action, Long.toString(expires))
          .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Why a link cannot be used, with the HTTP status and the words for the page. */
  public static class LinkProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final ActionLink usedLink;
    private final Instant usedAt;

    LinkProblem(int status, String title, String message) {
      this(status, title, message, null, null);
    }

    private LinkProblem(int status, String title, String message, ActionLink usedLink, Instant usedAt) {
      super(message);
      this.status = status;
      this.title = title;
      this.usedLink = usedLink;
      this.usedAt = usedAt;
    }

    /** The link itself was used already (by this press's twin, a double click or a reload): its answer stands. */
    ActionLink usedLink() {
      return usedLink;
    }

    /** When {@link #usedLink()} was used. */
    Instant usedAt() {
      return usedAt;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }

    static LinkProblem invalid() {
      return new LinkProblem(404, "This link is not valid",
          "The link is incomplete or has been altered. Open it again from the email, or ask the coordinators for a new email.");
    }

    static LinkProblem used(ActionLink link, Instant usedAt) {
      String when = usedAt == null ? "" : " on " + DownloadLinks.when(usedAt);
      return new LinkProblem(409, "This link has already been used",
          "Your answer \u201c" + link.getAction().label() + "\u201d was recorded" + when + ". Nothing was changed.", link, usedAt);
    }

    static LinkProblem superseded() {
      return new LinkProblem(410, "This link has been replaced",
          "A newer email about this task has replaced this link. Use the link of the newest email.");
    }

    static LinkProblem expired() {
      return new LinkProblem(410, "This link has expired", "Action links are valid for a limited time. Ask the coordinators for a new email.");
    }

    static LinkProblem withdrawn(String reference) {
      return new LinkProblem(410, "This operation has been withdrawn",
          "The partner who reported " + reference + " has withdrawn it, so there is nothing left to do. "
              + "Nothing was changed. A separate email asks you to set aside any material you received about it.");
    }

    static LinkProblem busy() {
      return new LinkProblem(503, "Please press the button again",
          "Several partners acted on this operation at the same moment and yours could not be recorded. "
              + "Nothing was changed: go back and press the button again.");
    }

    static LinkProblem failed() {
      return new LinkProblem(500, "Your action could not be recorded",
          "Something went wrong on our side and nothing was changed. Try again later, or tell the coordinators.");
    }

    static LinkProblem notYet() {
      return new LinkProblem(503, "Please open the link again in a minute",
          "This request was sent a moment ago and is still being recorded on our side. Nothing was changed: "
              + "open the link from the email again in a minute.");
    }

    /** {@code recorded} is what the task was completed with, in the words of its buttons ("Decline the assignment"), or null. */
    static LinkProblem done(String recorded) {
      return new LinkProblem(409, "This task is already done",
          "Someone has already completed this task, from another link or on behalf of your unit"
              + (recorded == null ? "." : ". What was recorded: " + recorded + ".") + " Nothing was changed by this press.");
    }

    /** Another link of the same task answered it first: say which answer stands, so the unit can ask if it was wrong. */
    static LinkProblem answered(ActionLink other) {
      return new LinkProblem(409, "This task is already done",
          "This task has already been answered with \u201c" + other.getAction().label() + "\u201d on " + DownloadLinks.when(other.getUsedAt())
              + ", from another link of the email. Nothing was changed. If that answer is wrong, tell the coordinators.");
    }
  }
}
