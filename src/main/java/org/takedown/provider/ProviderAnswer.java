package org.takedown.provider;

/** What a provider answered a request. */
public enum ProviderAnswer {
  COMPLIED, REFUSED, NO_ANSWER
}
