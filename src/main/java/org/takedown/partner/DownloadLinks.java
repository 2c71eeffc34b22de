package org.takedown.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.evidence.CustodyEntry;
import org.takedown.evidence.CustodyEventType;
import org.takedown.evidence.CustodyLog;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.system.CountryCodes;
import org.takedown.system.OperationLogContext;
import org.takedown.system.Sizes;
import org.takedown.system.Tlp;

/**
 * Single-use, expiring download links to an evidence package, one per handover mail. The token is 32 random bytes;
 * only its SHA-256 is stored. Opening the link claims it once and starts a download session in that browser (a
 * cookie holding a second random token, also stored hashed), during which each file or a zip may be fetched; every
 * file served is a DOWNLOADED custody entry.
 */
@Component
public class DownloadLinks {

  static final String PATH = "/partner/evidence/";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern LABEL = Pattern.compile("E([1-9][0-9]{0,8})");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
  static final String STORE_PARTY = "Fusion centre evidence store";

  private final DownloadLinkRepository links;
  private final EvidenceRegister register;
  private final CustodyLog custody;
  private final Clock clock;
  private final Duration validity;
  private final Duration sessionValidity;
  private final String publicUrl;

  DownloadLinks(DownloadLinkRepository links, EvidenceRegister register, CustodyLog custody, Clock clock,
      @Value("${takedown.evidence.download-link-validity:P7D}") Duration validity,
      @Value("${takedown.evidence.download-session:PT8H}") Duration sessionValidity,
      @Value("${takedown.public-url:http://localhost:8080}") String publicUrl) {
    this.links = links;
    this.register = register;
    this.custody = custody;
    this.clock = clock;
    this.validity = validity;
    this.sessionValidity = sessionValidity;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** What a mail says about its link; {@code expiresAt} for a mail that writes the moment in a unit's language. */
  public record Issued(String url, String expires, Instant expiresAt) {}

  /** A new link to the package; earlier unused links to the same instance's package stop working. */
  @Transactional
  public Issued issue(Operation operation, String processInstanceId, String country, String nationalUnit, String recipient, Tlp tlp,
      List<String> items) {
    // Whole seconds, as the database keeps them (it would round nanoseconds).
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    links.revokeOpen(processInstanceId, now);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant expires = now.plus(validity);
    links.save(new DownloadLink(hash(token), operation, processInstanceId, country, nationalUnit, recipient, tlp, items, now, expires));
    return new Issued(publicUrl + PATH + token, when(expires), expires);
  }

  /** For a reminder: a fresh link while the unit has not opened one yet; null once it has (it downloaded, or someone did). */
  @Transactional
  public Issued reissue(Operation operation, String processInstanceId, String country, String nationalUnit, String recipient, Tlp tlp,
      List<String> items) {
    return links.existsByProcessInstanceIdAndUsedAtIsNotNull(processInstanceId) ? null
        : issue(operation, processInstanceId, country, nationalUnit, recipient, tlp, items);
  }

  /** Every unused link of an operation stops working (the tip was withdrawn). */
  @Transactional
  public void revokeAll(String reference) {
    links.revokeAll(reference, clock.instant());
  }

  /** The link a token names, whatever its state; a token that names none is {@link ActionLinks.LinkProblem} 404. */
  @Transactional(readOnly = true, noRollbackFor = ActionLinks.LinkProblem.class)
  public DownloadLink find(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw ActionLinks.LinkProblem.invalid();
    }
    DownloadLink link = links.findByTokenHash(hash(token)).orElseThrow(ActionLinks.LinkProblem::invalid);
    OperationLogContext.put(link.getOperation().getReference());
    return link;
  }

  /** True while the cookie's session, opened by claiming this link, lasts (and the operation stands). */
  boolean inSession(DownloadLink link, String session) {
    if (session == null || link.getSessionHash() == null || link.getOperation().getStage() == Stage.WITHDRAWN) {
      return false;
    }
    return MessageDigest.isEqual(hash(session).getBytes(StandardCharsets.US_ASCII), link.getSessionHash().getBytes(StandardCharsets.US_ASCII))
        && clock.instant().isBefore(link.getSessionExpiresAt());
  }

  /** Throws what is wrong with opening the link now, in words for the unit; returns when it may still be claimed. */
  void checkOpenable(DownloadLink link) {
    if (link.getOperation().getStage() == Stage.WITHDRAWN) {
      throw ActionLinks.LinkProblem.withdrawn(link.getReference());
    }
    if (link.getUsedAt() != null) {
      throw used(link);
    }
    if (link.getRevokedAt() != null) {
      throw new ActionLinks.LinkProblem(410, "download.replaced");
    }
    if (!clock.instant().isBefore(link.getExpiresAt())) {
      throw new ActionLinks.LinkProblem(410, "download.expired", link.getExpiresAt());
    }
  }

  /** Claims the link for one browser; returns the session token for its cookie. Only the first claim succeeds. */
  @Transactional(noRollbackFor = ActionLinks.LinkProblem.class)
  public String claim(DownloadLink link, String clientAddress) {
    checkOpenable(link);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String session = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String from = clientAddress == null ? "unknown" : clientAddress.length() > 100 ? clientAddress.substring(0, 100) : clientAddress;
    if (links.claim(link.getId(), now, from, hash(session), now.plus(sessionValidity)) != 1) {
      throw used(links.findById(link.getId()).orElseThrow());
    }
    return session;
  }

  Duration sessionValidity() {
    return sessionValidity;
  }

  /**
   * The package's items: register items for labels "E1", …; a name that is no item of the register (an older
   * handover's free text) stands alone. Looked up in the register's list, never by a lookup that throws, so that a
   * stray name cannot mark the caller's transaction (a process step's) for rollback.
   */
  @Transactional(readOnly = true)
  public List<PackageItem> items(String reference, List<String> labels) {
    Map<String, EvidenceItem> register = labels.stream().anyMatch(l -> LABEL.matcher(l).matches())
        ? this.register.items(reference).stream().collect(Collectors.toMap(EvidenceItem::label, i -> i, (a, b) -> a))
        : Map.of();
    return labels.stream().map(label -> new PackageItem(label, register.get(label))).toList();
  }

  /** A DOWNLOADED entry in the item's custody log: the unit took the file (or part of it, said in {@code detail}). */
  @Transactional
  public void recordDownload(DownloadLink link, EvidenceItem item, String clientAddress, String detail) {
    String unit = link.getNationalUnit() == null ? "National unit" : link.getNationalUnit();
    custody.append(item, CustodyEntry.of(CustodyEventType.DOWNLOADED, unit + " (" + CountryCodes.name(link.getCountry()) + ")")
        .from(STORE_PARTY).to(unit).country(link.getCountry()).location(clientAddress)
        .purpose("Download through the single-use link mailed to " + link.getRecipient()).detail(detail));
  }

  private static ActionLinks.LinkProblem used(DownloadLink link) {
    // The time, not the address it was opened from: whoever holds the link learns nothing about the unit.
    return new ActionLinks.LinkProblem(410, "download.used", link.getUsedAt());
  }

  static String when(Instant instant) {
    return WHEN.format(instant.atZone(ZoneOffset.UTC));
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file the package does not hold (a wrong label, or an item registered by reference). */
  static final class ItemMissing extends ActionLinks.LinkProblem {
    ItemMissing() {
      super(404, "download.itemMissing");
    }
  }

  /** One item of a package as the unit's pages show it; {@code item} is null for a name that is not in the register. */
  public record PackageItem(String label, EvidenceItem item) {

    public String description() {
      return item == null ? label : item.getDescription();
    }

    public String type() {
      return item == null ? null : item.getType().label();
    }

    public String sha256() {
      return item == null ? null : item.getSha256();
    }

    public String size() {
      return item == null ? null : Sizes.exact(item.getSizeBytes());
    }

    /** A file in the store, served by the download page; an item registered by reference is fetched where it is held. */
    public boolean downloadable() {
      return item != null && item.isStored();
    }

    public String location() {
      return item == null ? null : item.getExternalLocation();
    }

    /** The name the file is saved under: its label and original name ("E1-sinkhole.log"), never a path. */
    public String fileName() {
      String original = item == null ? null : item.getOriginalName();
      String safe = original == null ? "" : original.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
      return label + (safe.isEmpty() || safe.startsWith(".") ? ".bin" : "-" + safe);
    }
  }
}
