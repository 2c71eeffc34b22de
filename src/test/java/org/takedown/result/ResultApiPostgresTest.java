package org.takedown.result;

import org.takedown.PostgresTest;

/** The same on PostgreSQL: the batched writes and the percentiles of the figures as a cluster's database runs them. */
@PostgresTest
class ResultApiPostgresTest extends ResultApiTest {}
