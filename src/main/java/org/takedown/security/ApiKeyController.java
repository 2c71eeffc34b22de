package org.takedown.security;

import org.takedown.system.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.InvalidInputException;
import org.takedown.system.OneLine;

/** Administrators create and revoke vendor organisations' API keys. Only camunda-admin reaches /api/admin. */
@RestController
@RequestMapping("/api/admin/api-keys")
class ApiKeyController {

  private final ApiKeyService keys;
  private final VendorOrganisations organisations;

  ApiKeyController(ApiKeyService keys, VendorOrganisations organisations) {
    this.keys = keys;
    this.organisations = organisations;
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(@Valid @RequestBody NewKey request) {
    ApiKeyService.Created created = keys.create(organisation(request), request.label(), Caller.current().user(),
        blank(request.organisation()) ? "vendor" : "organisation");
    return ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.key().getId()))
        .body(new CreatedKey(view(created.key(), organisations.displayNames()), created.secret(),
            "Store this key now: it is shown only once. Send it as the X-Api-Key header."));
  }

  /** Every key, or one organisation's (?organisation=aegis). */
  @GetMapping
  List<View> list(@RequestParam(required = false) String organisation) {
    Map<String, String> names = organisations.displayNames();
    return (blank(organisation) ? keys.list() : keys.list(organisation.trim())).stream().map(k -> view(k, names)).toList();
  }

  @DeleteMapping("/{id}")
  View revoke(@PathVariable long id) {
    return view(keys.revoke(id, Caller.current().user()), organisations.displayNames());
  }

  /**
   * The organisation's id; the older field "vendor" is taken as well, as an organisation's id or the user name of one
   * of its members (keys used to belong to a vendor user).
   */
  private String organisation(NewKey request) {
    boolean byId = !blank(request.organisation());
    if (byId && !blank(request.vendor()) && !request.vendor().trim().equals(request.organisation().trim())) {
      throw new InvalidInputException("vendor", "names another organisation than 'organisation'; give 'organisation' only");
    }
    if (byId) {
      return request.organisation();
    }
    if (blank(request.vendor())) {
      throw new InvalidInputException("organisation", "is required: the id of the vendor organisation whose systems use the key");
    }
    String named = request.vendor().trim();
    return organisations.exists(named) ? named : organisations.of(named).orElse(named);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static View view(ApiKey key, Map<String, String> names) {
    return new View(key.getId(), key.getVendor(), names.getOrDefault(key.getVendor(), key.getVendor()), key.getVendor(), key.getLabel(),
        key.getPrefix(), ApiKeyService.principal(key), key.getCreatedAt(), key.getCreatedBy(), key.getRevokedAt(), key.getRevokedBy(),
        key.isActive());
  }

  /** {@code vendor} is the older name of {@code organisation}, still accepted. */
  record NewKey(@Size(max = 40, message = "must be at most 40 characters") @OneLine String organisation,
      @Size(max = 100, message = "must be at most 100 characters") @OneLine String vendor,
      @NotBlank(message = "is required: what the key is for, e.g. 'SOC intake pipeline'")
      @Size(max = 200, message = "must be at most 200 characters") @OneLine String label) {}

  record CreatedKey(View key, String apiKey, String note) {}

  /**
   * A key as administrators read it: its organisation (id and display name; {@code vendor} is the id, as older clients
   * read it) and the name it signs in as ({@code principal}), which the audit trail and tip receipts show.
   */
  record View(long id, String organisation, String organisationName, String vendor, String label, String prefix, String principal,
      Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, boolean active) {}
}
