package org.takedown.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.system.Groups;
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
  private final IdentityService identity;
  private final Clock clock;

  ApiKeyService(ApiKeyRepository keys, IdentityService identity, Clock clock) {
    this.keys = keys;
    this.identity = identity;
    this.clock = clock;
  }

  /** A new key for a vendor account; the returned key is the only time it is ever shown. */
  @Transactional
  public Created create(String vendor, String label, String admin) {
    if (vendor == null || identity.createUserQuery().userId(vendor).memberOfGroup(Groups.VENDORS).count() == 0) {
      throw new InvalidInputException("vendor", "'" + vendor + "' is not a user of the group " + Groups.VENDORS);
    }
    String prefix = random(10);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "tdk_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey saved = keys.save(new ApiKey(vendor, label.trim(), prefix, Hashes.sha256(key), admin, clock.instant()));
    log.info("API key {} created for {} by {}", prefix, vendor, admin);
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
