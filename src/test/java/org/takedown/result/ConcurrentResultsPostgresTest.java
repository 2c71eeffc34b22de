package org.takedown.result;

import org.takedown.PostgresTest;

/** The same on PostgreSQL, whose row locks (a report's lock on its operation, the key-share locks of rows referencing it) differ from H2's. */
@PostgresTest
class ConcurrentResultsPostgresTest extends ConcurrentResultsTest {}
