package org.takedown.tip;

import org.takedown.PostgresTest;

/** The same on PostgreSQL: the moves' set statements, the row lock on the operation and the routing tables as a cluster stores them. */
@PostgresTest
class RoutingPostgresTest extends RoutingTest {}
