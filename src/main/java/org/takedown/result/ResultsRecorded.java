package org.takedown.result;

/** A unit (or a coordinator for it) reported results for a country: how many lines, how many changed, and counts. */
public record ResultsRecorded(String reference, String country, long reportId, IndicatorResults.Reporter reporter, int results, int changed,
    boolean counts) {}
