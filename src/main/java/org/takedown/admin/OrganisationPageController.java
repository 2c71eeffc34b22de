package org.takedown.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.takedown.dossier.WrongRolePage;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.security.ApiKeyService;
import org.takedown.system.Caller;
import org.takedown.system.ConflictException;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;
import org.takedown.system.Text;

/**
 * The administrators' page of vendor organisations: create and rename them, add and remove members, create and revoke
 * their API keys. The same rules as {@code /api/admin/organisations}; a mistake shows the page again with what to fix.
 */
@Controller
@RequestMapping("/admin/organisations")
class OrganisationPageController {

  static final String VIEW = "admin/organisations";

  private final VendorOrganisations organisations;
  private final OrganisationViews views;
  private final ApiKeyService keys;

  OrganisationPageController(VendorOrganisations organisations, OrganisationViews views, ApiKeyService keys) {
    this.organisations = organisations;
    this.views = views;
    this.keys = keys;
  }

  /** A key just created: its secret, shown on this one answer only. */
  record CreatedKey(String organisation, String organisationName, String label, String secret) {}

  @GetMapping
  String page(Model model) {
    adminOnly();
    return show(model);
  }

  @PostMapping
  String create(@RequestParam(required = false) String id, @RequestParam(required = false) String displayName, Model model,
      HttpServletResponse response, RedirectAttributes flash) {
    String by = adminOnly();
    return act(model, response, flash, null, () -> {
      line("id", id);
      line("displayName", displayName);
      String created = organisations.create(id, displayName, by).getId();
      return new Done(created, organisations.displayName(created) + " created. Add its analysts below.");
    });
  }

  @PostMapping("/{id}/name")
  String rename(@PathVariable String id, @RequestParam(required = false) String displayName, Model model, HttpServletResponse response,
      RedirectAttributes flash) {
    String by = adminOnly();
    return act(model, response, flash, id, () -> {
      line("displayName", displayName);
      String before = organisations.displayName(id);
      organisations.rename(id, displayName, by);
      return new Done(id, before + " is now called " + organisations.displayName(id) + " on every page, document and mail.");
    });
  }

  @PostMapping("/{id}/members")
  String addMember(@PathVariable String id, @RequestParam(required = false) String user, Model model, HttpServletResponse response,
      RedirectAttributes flash) {
    String by = adminOnly();
    return act(model, response, flash, id, () -> {
      line("user", user);
      organisations.addMember(id, user, by);
      return new Done(id, user.trim() + " added to " + organisations.displayName(id) + ": they now see its tips.");
    });
  }

  @PostMapping("/{id}/members/{user}/remove")
  String removeMember(@PathVariable String id, @PathVariable String user, Model model, HttpServletResponse response,
      RedirectAttributes flash) {
    String by = adminOnly();
    return act(model, response, flash, id, () -> {
      organisations.removeMember(id, user, by);
      return new Done(id, user + " removed from " + organisations.displayName(id) + ".");
    });
  }

  /** Creates a key and shows its secret on this answer (no redirect: the secret is kept nowhere, not even in the session). */
  @PostMapping("/{id}/api-keys")
  String createKey(@PathVariable String id, @RequestParam(required = false) String label, Model model, HttpServletResponse response,
      RedirectAttributes flash) {
    String by = adminOnly();
    try {
      line("label", label);
      if (label != null && label.strip().length() > 200) {
        throw new InvalidInputException("label", "must be at most 200 characters");
      }
      ApiKeyService.Created created = keys.create(id, label, by);
      model.addAttribute("createdKey", new CreatedKey(id, organisations.displayName(id), created.key().getLabel(), created.secret()));
      return show(model);
    } catch (InvalidInputException | ConflictException | NotFoundException e) {
      return failed(e, id, model, response);
    }
  }

  @PostMapping("/{id}/api-keys/{key}/revoke")
  String revokeKey(@PathVariable String id, @PathVariable long key, Model model, HttpServletResponse response, RedirectAttributes flash) {
    String by = adminOnly();
    return act(model, response, flash, id, () -> {
      var revoked = keys.revoke(id, key, by);
      return new Done(id, "The key " + revoked.getLabel() + " (" + revoked.getPrefix() + ") of " + organisations.displayName(id)
          + " is revoked: it stops working at once.");
    });
  }

  /** A user of another role gets a page in the product's look saying whose page this is. */
  @ExceptionHandler(ForbiddenException.class)
  String forbidden(Model model, HttpServletResponse response) {
    return WrongRolePage.show("Vendor organisations are managed by administrators", model, response);
  }

  private record Done(String organisation, String notice) {}

  private interface Action {
    Done run();
  }

  /** Runs the action; then back to the page at the organisation, or the page again with what to fix. */
  private String act(Model model, HttpServletResponse response, RedirectAttributes flash, String organisation, Action action) {
    try {
      Done done = action.run();
      flash.addFlashAttribute("notice", done.notice());
      return "redirect:/admin/organisations#org-" + UriUtils.encodeFragment(done.organisation(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (InvalidInputException | ConflictException | NotFoundException e) {
      return failed(e, organisation, model, response);
    }
  }

  private String failed(RuntimeException e, String organisation, Model model, HttpServletResponse response) {
    List<String> errors = e instanceof InvalidInputException invalid
        ? invalid.problems().stream().map(p -> FIELDS.getOrDefault(p.field(), p.field()) + ": " + p.message()).toList()
        : List.of(e.getMessage());
    response.setStatus((e instanceof InvalidInputException ? HttpStatus.BAD_REQUEST
        : e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND).value());
    model.addAttribute("errors", errors);
    model.addAttribute("errorsFor", organisation);
    return show(model);
  }

  private static final java.util.Map<String, String> FIELDS = java.util.Map.of("id", "Id", "displayName", "Display name", "user", "User",
      "label", "Label", "organisation", "Organisation");

  private String show(Model model) {
    model.addAttribute("organisations", views.pages());
    return VIEW;
  }

  /** The same text rules as every form and the API: one line, no control characters. */
  private static void line(String field, String value) {
    String problem = value == null ? null : Text.problem(value, true);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
  }

  private static String adminOnly() {
    Caller caller = Caller.current();
    if (!caller.isAdmin()) {
      throw new ForbiddenException("Vendor organisations are managed by administrators.");
    }
    return caller.user();
  }
}
