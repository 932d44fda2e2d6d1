package dev.overton.generator.testing;

import io.agroal.api.AgroalDataSource;

import dev.overton.support.persistence.JdbcStatements;

/** Plain JDBC against the test database, to look at what the service stored (and clean up after a test). */
public final class Sql extends JdbcStatements {

    public Sql(AgroalDataSource dataSource) {
        super(dataSource);
    }
}
