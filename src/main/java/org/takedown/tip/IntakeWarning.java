package org.takedown.tip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something of a tip that was not taken, wholly or in part, and why, in plain words: returned to the
 * vendor (the answer's {@code warnings}, a TAXII status's failures), kept (table intake_warning) and shown
 * to the coordinators on the operation's page and in triage.
 *
 * @param objectId the STIX object's id, or null (a field of the simple tip)
 * @param pointer the JSON pointer (RFC 6901) of what is meant in the body as sent: /objects/3/pattern, /countries/0
 * @param property the property named, e.g. pattern, type, target_ref, country
 * @param taken false when nothing of the object was taken; true when it was taken without what the message names
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntakeWarning(String objectId, String pointer, String property, String message, @JsonIgnore boolean taken) {

  /** At most this many are returned and kept for one tip; a last one counts the rest. */
  public static final int MAX = 1_000;

  /** One line for a person: "/objects/3/pattern (indicator--…, pattern): …". */
  public String describe() {
    return (pointer == null ? "" : pointer + " ") + "(" + (objectId == null ? "" : objectId + ", ") + property + "): " + message;
  }
}
