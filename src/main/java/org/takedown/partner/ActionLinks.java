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
import org.takedown.system.Language;
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

  /**
   * Why a link cannot be used: the HTTP status and the page's words, as the key of a text of the pages bundle
   * ({@code pages.problem.<key>.title} and {@code .message}) with its arguments, written in the unit's language where
   * the page is shown ({@link PartnerPages#problem}). The exception's own message is the key, for the log.
   */
  public static class LinkProblem extends RuntimeException {
    private final int status;
    private final String key;
    private final Object[] args;
    private final ActionLink usedLink;
    private final Instant usedAt;

    LinkProblem(int status, String key, Object... args) {
      this(status, key, args, null, null);
    }

    private LinkProblem(int status, String key, Object[] args, ActionLink usedLink, Instant usedAt) {
      super(key);
      this.status = status;
      this.key = key;
      this.args = args;
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

    /** Which problem it is ("expired", "download.used"): the texts are pages.problem.KEY.title and .message. */
    public String key() {
      return key;
    }

    String title(PartnerPages pages, Language language) {
      return pages.text(language, "pages.problem." + key + ".title");
    }

    String message(PartnerPages pages, Language language) {
      Object[] words = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        words[i] = pages.argument(args[i], language);
      }
      return pages.text(language, "pages.problem." + key + ".message", words);
    }

    static LinkProblem invalid() {
      return new LinkProblem(404, "invalid");
    }

    static LinkProblem used(ActionLink link, Instant usedAt) {
      return usedAt == null ? new LinkProblem(409, "used.undated", new Object[] {link.getAction()}, link, null)
          : new LinkProblem(409, "used", new Object[] {link.getAction(), usedAt}, link, usedAt);
    }

    static LinkProblem superseded() {
      return new LinkProblem(410, "superseded");
    }

    static LinkProblem expired() {
      return new LinkProblem(410, "expired");
    }

    static LinkProblem withdrawn(String reference) {
      return new LinkProblem(410, "withdrawn", reference);
    }

    static LinkProblem busy() {
      return new LinkProblem(503, "busy");
    }

    static LinkProblem failed() {
      return new LinkProblem(500, "failed");
    }

    static LinkProblem notYet() {
      return new LinkProblem(503, "notYet");
    }

    /** {@code recorded} is what the task was completed with (the answer whose button words the page names), or null. */
    static LinkProblem done(PartnerAction recorded) {
      return recorded == null ? new LinkProblem(409, "done") : new LinkProblem(409, "done.recorded", recorded);
    }

    /** Another link of the same task answered it first: say which answer stands, so the unit can ask if it was wrong. */
    static LinkProblem answered(ActionLink other) {
      return new LinkProblem(409, "answered", other.getAction(), other.getUsedAt());
    }
  }
}
