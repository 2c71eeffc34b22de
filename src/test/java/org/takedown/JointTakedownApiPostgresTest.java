package org.takedown;

/** The same whole operation through the HTTP APIs, on PostgreSQL: the database a cluster of nodes runs on. */
@PostgresTest
class JointTakedownApiPostgresTest extends JointTakedownApiTest {}
