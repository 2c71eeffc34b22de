package org.takedown.tip;

/** Who placed an indicator in a country, strongest first: a coordinator's word overrides the vendor's, which overrides a table. */
public enum PlacedBy {
  COORDINATOR("coordinator"),
  VENDOR("vendor"),
  IP_TABLE("IP table"),
  CCTLD("ccTLD hint");

  private final String words;

  PlacedBy(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
