package org.takedown.security;

/** Whom a reader of an operation is to it; each audience has one projection ({@link Disclosure}). */
public enum Audience {
  /** Coordinators, legal officers and administrators: the whole operation. */
  STAFF,
  /** The vendor who submitted the tip: its tip, its indicators, the questions put to it, the stage. */
  VENDOR,
  /** A national unit asked to act on it: a named recipient of its own country's part, at the release TLP. */
  UNIT,
  /** Any other signed-in reader of a TLP:GREEN or TLP:CLEAR operation: what the community may share. */
  COMMUNITY
}
