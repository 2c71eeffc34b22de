package org.takedown.provider;

/** What a unit asks a provider: to preserve stored data (Budapest Convention Article 29), or to take down or suspend. */
public enum ProviderRequestKind {
  PRESERVATION, TAKEDOWN
}
