package org.takedown.security;

import org.takedown.PostgresTest;

/** The same on PostgreSQL: the one indicator condition (OperationAccess.indicators) as a cluster's database runs it. */
@PostgresTest
class NeedToKnowPostgresTest extends NeedToKnowTest {}
