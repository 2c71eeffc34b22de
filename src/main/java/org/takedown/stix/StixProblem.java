package org.takedown.stix;

/**
 * One thing wrong with a bundle: the object's id (null when the object has none or the problem is
 * the bundle's), the JSON pointer (RFC 6901, e.g. /objects/3/pattern), the property, and what to fix.
 */
public record StixProblem(String objectId, String pointer, String property, String message) {

  /** One line for a person: "/objects/3/pattern (indicator--…, pattern): …". */
  public String describe() {
    return pointer + " (" + (objectId == null ? "" : objectId + ", ") + property + "): " + message;
  }
}
