package org.takedown.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.Hashes;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * Vendor API keys: {@code tdk_<prefix>_<secret>}. The prefix finds the key; only the SHA-256 of the
 * whole key is stored (the secret has 256 random bits, so a fast hash is enough and a stolen table
 * gives no usable key).
 */
@Service
public class ApiKeyService {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

  private final ApiKeyRepository keys;
  private final VendorOrganisations organisations;
  private final Clock clock;

  ApiKeyService(ApiKeyRepository keys, VendorOrganisations organisations, Clock clock) {
    this.keys = keys;
    this.organisations = organisations;
    this.clock = clock;
  }

  /**
   * A new key of a vendor organisation, for its systems; the returned key is the only time it is ever shown.
   * {@code field} names the request's field in the problem when the organisation does not exist.
   */
  @Transactional
  public Created create(String organisation, String label, String admin) {
    return create(organisation, label, admin, "organisation");
  }

  @Transactional
  public Created create(String organisation, String label, String admin, String field) {
    String vendor = organisation == null ? null : organisation.trim();
    if (!organisations.exists(vendor)) {
      throw new InvalidInputException(field, "'" + organisation + "' is not a vendor organisation; give its id, as on the Organisations page"
          + " (GET /api/admin/organisations)");
    }
    if (label == null || label.isBlank()) {
      throw new InvalidInputException("label", "is required: what the key is for, e.g. 'SOC intake pipeline'");
    }
    String prefix = random(10);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "tdk_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey saved = keys.save(new ApiKey(vendor, label.trim(), prefix, Hashes.sha256(key), admin, clock.instant()));
    log.info("API key {} created for vendor organisation {} by {}", prefix, vendor, admin);
    return new Created(saved, key);
  }

  @Transactional
  public ApiKey revoke(long id, String admin) {
    ApiKey key = keys.findById(id).orElseThrow(() -> new NotFoundException("No API key " + id));
    key.revoke(admin, clock.instant());
    log.info("API key {} of {} revoked by {}", key.getPrefix(), key.getVendor(), admin);
    return key;
  }

  @Transactional(readOnly = true)
  public List<ApiKey> list() {
    return keys.findAllByOrderByCreatedAtDesc();
  }

  /** The number of active keys per organisation id (organisations without one are absent). */
  @Transactional(readOnly = true)
  public java.util.Map<String, Long> activeByOrganisation() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    keys.countActiveByVendor().forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
    return counts;
  }

  /** The key with this id if it belongs to the organisation: a page acting on one organisation touches only its keys. */
  @Transactional
  public ApiKey revoke(String organisation, long id, String admin) {
    ApiKey key = keys.findById(id).filter(k -> k.getVendor().equals(organisation))
        .orElseThrow(() -> new NotFoundException("No API key " + id + " of " + organisation));
    return revoke(key.getId(), admin);
  }

  /** One organisation's keys, newest first, revoked ones included. */
  @Transactional(readOnly = true)
  public List<ApiKey> list(String organisation) {
    return keys.findByVendorOrderByCreatedAtDesc(organisation);
  }

  /** The principal a key signs in as: the key itself, so that what its system does is recorded as the key's, not a person's. */
  public static String principal(ApiKey key) {
    return PRINCIPAL_PREFIX + key.getPrefix();
  }

  /** Keys' principals are named so (audit trail, tip receipts); their rights come from the key, never from an account of that name. */
  public static final String PRINCIPAL_PREFIX = "apikey-";

  /** The active key matching the presented one, compared in constant time. */
  @Transactional(readOnly = true)
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    String[] parts = presented.trim().split("_", 3);
    if (parts.length != 3 || !"tdk".equals(parts[0])) {
      return Optional.empty();
    }
    byte[] hash = Hashes.sha256(presented.trim()).getBytes(StandardCharsets.US_ASCII);
    return keys.findByPrefix(parts[1]).filter(ApiKey::isActive)
        .filter(key -> MessageDigest.isEqual(hash, key.getKeySha256().getBytes(StandardCharsets.US_ASCII)));
  }


  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  public record Created(ApiKey key, String secret) {}
}
