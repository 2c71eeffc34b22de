package org.takedown.notice;

import org.takedown.PostgresTest;

/** The same on PostgreSQL: the digests' statements (tasks, reports per period, silent countries) and V65 as a cluster's database runs them. */
@PostgresTest
class DigestMailPostgresTest extends DigestMailTest {}
