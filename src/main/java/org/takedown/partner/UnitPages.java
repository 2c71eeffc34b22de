package org.takedown.partner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.CountryAssignmentRepository;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.system.Language;
import org.takedown.system.OperationLogContext;

/**
 * The signed link to a national unit's page for one operation and country ({@code /partner/units/<nonce>.<HMAC>}), put
 * in every mail the unit is sent. It only shows where the country stands and links to the actions, so, unlike an
 * action link, it works many times. It stops working when the country is reassigned to another unit (the address it
 * was issued to is no longer the country's), when the operation is withdrawn, and
 * {@code takedown.units.page-validity-after-end} after the operation ended. Signed with the action links' secret.
 */
@Component
public class UnitPages {

  static final String PATH = "/partner/units/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UnitPageRepository pages;
  private final CountryAssignmentRepository assignments;
  private final Clock clock;
  private final byte[] secret;
  private final Duration afterEnd;
  private final String publicUrl;

  UnitPages(UnitPageRepository pages, CountryAssignmentRepository assignments, Clock clock,
      @Value("${takedown.actions.secret:}") String secret, @Value("${takedown.units.page-validity-after-end:P30D}") Duration afterEnd,
      @Value("${takedown.public-url:http://localhost:8080}") String publicUrl) {
    this.pages = pages;
    this.assignments = assignments;
    this.clock = clock;
    this.afterEnd = afterEnd;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    if (secret.isBlank()) {
      // ActionLinks warns of this once: its links and these stop working at restart alike.
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      this.secret = random;
    } else {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The unit's page for the assignment's operation and country, as the address the country's unit has now; null when no
   * unit has been asked. The same link in every mail to that unit: the nonce is derived from what it names.
   */
  @Transactional
  public String url(CountryAssignment assignment) {
    String recipient = recipient(assignment.getUnitEmail());
    if (recipient == null) {
      return null;
    }
    Operation operation = assignment.getOperation();
    UnitPage page = pages.findByOperationIdAndCountryAndRecipient(operation.getId(), assignment.getCountry(), recipient)
        .orElseGet(() -> pages.save(new UnitPage(nonce(operation.getReference(), assignment.getCountry(), recipient), operation,
            assignment.getCountry(), recipient, assignment.getUnitLanguage(), clock.instant())));
    return publicUrl + PATH + token(page);
  }

  /** What a valid token opens: its page and the country's assignment now. */
  /** The unit's page if its mails have made it already, else null: for a page that shows it and must write nothing. */
  @Transactional(readOnly = true)
  public String existing(CountryAssignment assignment) {
    String recipient = recipient(assignment.getUnitEmail());
    return recipient == null ? null : pages.findByOperationIdAndCountryAndRecipient(assignment.getOperation().getId(),
        assignment.getCountry(), recipient).map(page -> publicUrl + PATH + token(page)).orElse(null);
  }

  public record Opened(UnitPage page, CountryAssignment assignment) {

    public String reference() {
      return page.getOperation().getReference();
    }
  }

  /** The page a token opens, checked; throws {@link Problem} saying, in the unit's language, why it does not open. */
  @Transactional(readOnly = true, noRollbackFor = Problem.class)
  public Opened open(String token) {
    UnitPage page = find(token);
    if (page == null) {
      throw new Problem(404, "invalid", Language.ENGLISH);
    }
    Operation operation = page.getOperation();
    OperationLogContext.put(operation.getReference());
    Language language = page.getLanguage();
    if (operation.getStage() == Stage.WITHDRAWN) {
      throw new Problem(410, "withdrawn", language, operation.getReference());
    }
    if (page.getRevokedAt() != null) {
      throw new Problem(410, "revoked", language);
    }
    CountryAssignment assignment = assignments.findByOperationReferenceAndCountry(operation.getReference(), page.getCountry()).orElse(null);
    if (assignment == null || !page.getRecipient().equals(recipient(assignment.getUnitEmail()))) {
      throw new Problem(410, "reassigned", language, operation.getReference());
    }
    Instant ended = operation.getStage().isFinal() ? operation.getClosedAt() : null;
    if (ended != null && !clock.instant().isBefore(ended.plus(afterEnd))) {
      throw new Problem(410, "expired", language, operation.getReference());
    }
    return new Opened(page, assignment);
  }

  /** Counts a view of the page (the audit trail records the recordings; this, how often the unit came). */
  @Transactional
  public void viewed(UnitPage page) {
    pages.viewed(page.getNonce(), clock.instant());
  }

  /** The page a correctly signed token names, valid or not; null for any other token. */
  @Transactional(readOnly = true)
  UnitPage find(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 2 || !parts[0].matches("[0-9a-f]{32}") || !parts[1].matches("[A-Za-z0-9_-]{43}")) {
      return null;
    }
    UnitPage page = pages.findById(parts[0]).orElse(null);
    if (page == null || !MessageDigest.isEqual(signature(page).getBytes(StandardCharsets.US_ASCII), parts[1].getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    return page;
  }

  String token(UnitPage page) {
    return page.getNonce() + "." + signature(page);
  }

  private String signature(UnitPage page) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(String.join("|", "unit-page", page.getNonce(),
        page.getOperation().getReference(), page.getCountry(), page.getRecipient())));
  }

  private String nonce(String reference, String country, String recipient) {
    return HexFormat.of().formatHex(mac(String.join("|", "unit-page-nonce", reference, country, recipient))).substring(0, 32);
  }

  private byte[] mac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The address as compared: an address's case does not make it another unit's. */
  private static String recipient(String email) {
    return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  /** Why a unit's page does not open: its HTTP status and the key of its words ({@code unit.problem.<key>.title/.text}). */
  public static class Problem extends RuntimeException {
    private final int status;
    private final String key;
    private final Language language;
    private final transient Object[] args;

    Problem(int status, String key, Language language, Object... args) {
      super(key);
      this.status = status;
      this.key = key;
      this.language = language;
      this.args = args;
    }

    public int status() {
      return status;
    }

    public String key() {
      return key;
    }

    public Language language() {
      return language;
    }

    public Object[] args() {
      return args;
    }
  }
}
