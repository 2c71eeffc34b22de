package org.takedown.taxii;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.takedown.system.Uuids;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The TAXII 2.1 media type, its negotiation, timestamps and ids. */
final class Taxii {

  static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
  static final MediaType TAXII = MediaType.parseMediaType(MEDIA_TYPE);
  static final String STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
  static final String ROOT = "/taxii2";
  static final String API_ROOT = ROOT + "/api/";
  /** Namespace of the collection ids (UUIDv5 of the operation reference); a fixed random UUID. */
  private static final UUID NAMESPACE = UUID.fromString("0d5f3a63-8a2e-4e5b-b1c4-7f1e9c2d6a48");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Taxii() {}

  /** A TAXII error with its status, title and plain-words description. */
  static class Refusal extends RuntimeException {
    final HttpStatus status;
    final String title;

    Refusal(HttpStatus status, String title, String description) {
      super(description);
      this.status = status;
      this.title = title;
    }
  }

  /** GET: a missing Accept, or one that allows the TAXII 2.1 media type (wildcards included); else 406. */
  static void checkAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return;
    }
    try {
      for (MediaType type : MediaType.parseMediaTypes(accept)) {
        if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())
            || (isTaxii(type) && type.getQualityValue() > 0)) {
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      // unreadable: the same answer as for an unacceptable type
    }
    throw new Refusal(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
        "This TAXII server answers " + MEDIA_TYPE + " only; accept it in the Accept header (the request asked for '" + clip(accept) + "').");
  }

  /** POST: the body must be sent as the TAXII 2.1 media type; else 415. */
  static void checkContentType(String contentType) {
    MediaType type = null;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (IllegalArgumentException e) {
      // unreadable: refused below
    }
    if (type == null || !isTaxii(type)) {
      throw new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
          "Send the objects as an envelope (or a STIX bundle) with Content-Type: " + MEDIA_TYPE + "; the request was sent with "
              + (contentType == null ? "no Content-Type" : "Content-Type '" + clip(contentType) + "'") + ". Nothing was stored.");
    }
  }

  /** application/taxii+json, with version 2.1 or no version. */
  private static boolean isTaxii(MediaType type) {
    String version = type.getParameter("version");
    return type.getType().equals("application") && type.getSubtype().equals("taxii+json") && (version == null || version.equals("2.1"));
  }

  static String time(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** An RFC 3339 timestamp (as added_after or match[version] carry it), or a 400 naming the parameter. */
  static Instant parseTime(String parameter, String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Refusal(HttpStatus.BAD_REQUEST, "Invalid parameter", parameter + " must be a time such as 2026-01-31T12:00:00.000Z, not '"
          + clip(text) + "'.");
    }
  }

  static String collectionId(String reference) {
    return uuid5(NAMESPACE, "operation/" + reference).toString();
  }

  /** The collection of a co-reported operation's combined indicators, for its contributors. */
  static String coReportCollectionId(String reference) {
    return uuid5(NAMESPACE, "co-reporters/" + reference).toString();
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1). */
  static UUID uuid5(UUID namespace, String name) {
    return Uuids.v5(namespace, name);
  }

  /** Partner text in an error message: one line, at most 100 characters. */
  static String clip(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ");
    return line.length() > 100 ? line.substring(0, 99) + "…" : line;
  }
}
