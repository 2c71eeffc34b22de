package org.takedown.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.security.Audience;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;
import org.takedown.system.OneLine;
import org.takedown.system.PlainText;

/**
 * The units' requests to providers through the API (docs/providers.md): GET them (coordinators and the fusion centre's
 * staff: every country; a unit: its own; anyone else 403); POST that one was sent, what the provider answered, or how a
 * preservation went on, by the country's unit or a coordinator for it. Bad input: 400 problem+json, nothing recorded.
 */
@RestController
@RequestMapping("/api/operations/{reference}/requests")
class ProviderRequestController {

  private final OperationAccess access;
  private final ProviderRequests requests;
  private final java.time.Clock clock;

  ProviderRequestController(OperationAccess access, ProviderRequests requests, java.time.Clock clock) {
    this.access = access;
    this.requests = requests;
    this.clock = clock;
  }

  record Listed(String reference, List<ProviderRequestView> requests) {}

  @GetMapping
  Listed list(@PathVariable String reference) {
    OperationAccess.Disclosed d = access.disclose(Caller.current(), reference.toUpperCase(Locale.ROOT));
    String ref = d.operation().getReference();
    if (d.disclosure().audience() == Audience.STAFF) {
      return new Listed(ref, requests.forOperation(ref).stream().map(ProviderRequestView::of).toList());
    }
    if (d.disclosure().audience() == Audience.UNIT) {
      return new Listed(ref, requests.forOperation(ref).stream().filter(r -> d.disclosure().indicatorCountries().contains(r.getCountry()))
          .map(ProviderRequestView::of).toList());
    }
    throw new ForbiddenException("The requests to providers of " + ref + " are for the fusion centre and the units asked.");
  }

  /** One step: the day it happened (default today), the answer or the follow-up where the step has one, a note. */
  record Step(@OneLine String date, @OneLine String answer, @OneLine String followUp, @PlainText String note) {}

  @PostMapping("/{id}/sent")
  ProviderRequestView sent(@PathVariable String reference, @PathVariable long id, @jakarta.validation.Valid @RequestBody(required = false) Step body) {
    Own own = own(reference, id);
    return ProviderRequestView.of(requests.recordSent(own.reference, own.country, id, date(body), own.by));
  }

  @PostMapping("/{id}/answer")
  ProviderRequestView answer(@PathVariable String reference, @PathVariable long id, @jakarta.validation.Valid @RequestBody Step body) {
    Own own = own(reference, id);
    ProviderAnswer answer = parse(ProviderAnswer.class, "answer", body == null ? null : body.answer(), "COMPLIED, REFUSED or NO_ANSWER");
    String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
    if (note != null && note.length() > 2000) {
      throw new InvalidInputException("note", "must be at most 2000 characters");
    }
    return ProviderRequestView.of(requests.recordAnswer(own.reference, own.country, id, answer, date(body), own.by, note));
  }

  @PostMapping("/{id}/follow-up")
  ProviderRequestView followUp(@PathVariable String reference, @PathVariable long id, @jakarta.validation.Valid @RequestBody Step body) {
    Own own = own(reference, id);
    PreservationFollowUp followUp = parse(PreservationFollowUp.class, "followUp", body == null ? null : body.followUp(),
        "RENEWED or MUTUAL_ASSISTANCE");
    if (followUp == PreservationFollowUp.LAPSED) {
      throw new InvalidInputException("followUp", "LAPSED is recorded by the preservation's clock, at its end; give RENEWED or MUTUAL_ASSISTANCE");
    }
    return ProviderRequestView.of(requests.recordFollowUp(own.reference, own.country, id, followUp, date(body), own.by));
  }

  private record Own(String reference, String country, String by) {}

  /** The request's country is the caller's own (a unit), or the caller is a coordinator recording for its unit. */
  private Own own(String reference, long id) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed d = access.disclose(caller, reference.toUpperCase(Locale.ROOT));
    String ref = d.operation().getReference();
    ProviderRequest request = requests.forOperation(ref).stream().filter(r -> r.getId() == id).findFirst().orElse(null);
    boolean unit = d.disclosure().audience() == Audience.UNIT;
    if (request == null || (unit && !d.disclosure().indicatorCountries().contains(request.getCountry()))) {
      if (!unit && !caller.isCoordinator()) {
        throw new ForbiddenException("Requests to providers are recorded by the national unit, or by a coordinator for it.");
      }
      throw new NotFoundException("There is no request " + id + (unit ? " of your country" : "") + " in " + ref + ".");
    }
    if (unit) {
      return new Own(ref, request.getCountry(), caller.user());
    }
    if (caller.isCoordinator()) {
      return new Own(ref, request.getCountry(), caller.user() + " for the unit");
    }
    throw new ForbiddenException("Requests of " + CountryCodes.name(request.getCountry()) + " are recorded by its national unit, or by a "
        + "coordinator for it.");
  }

  /** A day as 2026-12-01: noon UTC that day, or now for today; none: now. */
  private Instant date(Step body) {
    Instant now = clock.instant();
    if (body == null || body.date() == null || body.date().isBlank()) {
      return now;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(body.date().strip());
    } catch (RuntimeException e) {
      throw new InvalidInputException("date", "\"" + body.date().strip() + "\" is not a date: write it as 2026-11-30");
    }
    Instant noon = day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
    return day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) && noon.isAfter(now) ? now : noon;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String given, String choices) {
    if (given == null || given.isBlank()) {
      throw new InvalidInputException(field, "is required: " + choices);
    }
    try {
      return Enum.valueOf(type, given.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "\"" + given.strip() + "\" is not one of " + choices);
    }
  }
}
