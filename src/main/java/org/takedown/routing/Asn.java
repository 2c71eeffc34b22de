package org.takedown.routing;

/**
 * The autonomous system an IP address is announced from, and the organisation that holds it: the provider a unit
 * asks to preserve or take down what is at that address.
 */
public record Asn(long number, String organisation) {

  /** "AS13335": how the product keys a provider by its autonomous system. */
  public String key() {
    return "AS" + number;
  }
}
