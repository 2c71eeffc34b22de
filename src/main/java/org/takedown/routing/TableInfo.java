package org.takedown.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Which IP-to-country table answers, for display and logs.
 *
 * @param name what the data is ("@ip-location-db/geo-whois-asn-country 2.3.2026061719", "GeoLite2-Country")
 * @param date the date of its data, or null when unknown
 * @param origin "embedded", or the configured path
 * @param rows ranges or networks read
 * @param ipv4Ranges ranges held for IPv4 after flattening overlaps, gaps and reserved space
 * @param ipv6Ranges the same for IPv6
 * @param countries distinct country codes named
 * @param loadedAt when it was loaded
 * @param loadTime how long loading took
 */
public record TableInfo(String name, LocalDate date, String origin, int rows, int ipv4Ranges, int ipv6Ranges, int countries,
    Instant loadedAt, Duration loadTime) {}
