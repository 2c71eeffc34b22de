package org.takedown.assignment;

/** A national cybercrime unit as listed in the directory. */
public record NationalUnit(String name, String email) {}
