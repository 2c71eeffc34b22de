package org.takedown.tip;

import org.takedown.PostgresTest;

/** The same on PostgreSQL: pattern indicators (a long text column) and intake warnings as a cluster's database stores them. */
@PostgresTest
class NothingVanishesPostgresTest extends NothingVanishesTest {}
