package org.takedown.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.admin.OrganisationViews.OrganisationView;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.Caller;
import org.takedown.system.OneLine;

/**
 * Administrators manage vendor organisations: their display names and members (local accounts). Only camunda-admin
 * reaches /api/admin; what is wrong with a request is a problem+json that names the field ({@link VendorOrganisations}
 * checks). An organisation's API keys are at /api/admin/api-keys.
 */
@RestController
@RequestMapping("/api/admin/organisations")
class OrganisationController {

  private final VendorOrganisations organisations;
  private final OrganisationViews views;

  OrganisationController(VendorOrganisations organisations, OrganisationViews views) {
    this.organisations = organisations;
    this.views = views;
  }

  @GetMapping
  List<OrganisationView> list() {
    return views.all();
  }

  @GetMapping("/{id}")
  OrganisationView one(@PathVariable String id) {
    return views.one(id);
  }

  @PostMapping
  ResponseEntity<OrganisationView> create(@Valid @RequestBody NewOrganisation request) {
    String id = organisations.create(request.id(), request.displayName(), Caller.current().user()).getId();
    return ResponseEntity.created(URI.create("/api/admin/organisations/" + id)).body(views.one(id));
  }

  /** Renames it: {"displayName": "…"}. Every page, document and mail names it so from now on. */
  @PutMapping("/{id}")
  OrganisationView rename(@PathVariable String id, @Valid @RequestBody Rename request) {
    organisations.rename(id, request.displayName(), Caller.current().user());
    return views.one(id);
  }

  @PatchMapping("/{id}")
  OrganisationView patch(@PathVariable String id, @Valid @RequestBody Rename request) {
    return rename(id, request);
  }

  /** Adds a member: {"user": "vince"}, a local account that exists (create it in Admin first). */
  @PostMapping("/{id}/members")
  OrganisationView addMember(@PathVariable String id, @Valid @RequestBody NewMember request) {
    organisations.addMember(id, request.user(), Caller.current().user());
    return views.one(id);
  }

  @PutMapping("/{id}/members/{user}")
  OrganisationView putMember(@PathVariable String id, @PathVariable String user) {
    organisations.addMember(id, user, Caller.current().user());
    return views.one(id);
  }

  @DeleteMapping("/{id}/members/{user}")
  OrganisationView removeMember(@PathVariable String id, @PathVariable String user) {
    organisations.removeMember(id, user, Caller.current().user());
    return views.one(id);
  }

  record NewOrganisation(@Size(max = 40, message = "must be at most 40 characters") @OneLine String id,
      @Size(max = 200, message = "must be at most 200 characters") @OneLine String displayName) {}

  record Rename(@Size(max = 200, message = "must be at most 200 characters") @OneLine String displayName) {}

  record NewMember(@Size(max = 100, message = "must be at most 100 characters") @OneLine String user) {}
}
