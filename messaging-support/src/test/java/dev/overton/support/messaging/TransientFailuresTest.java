package dev.overton.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class TransientFailuresTest {

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, "detail");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "08000", "08003", "08006", "08001", "40001", "40P01", "53000", "53100", "53300", "57P01", "57P02",
                "57P03"
            })
    void reactiveClientErrorsOfTheServerBeingAwayOrBusyAreTransient(String sqlState) {
        assertThat(TransientFailures.isTransient(pg(sqlState))).isTrue();
        assertThat(TransientFailures.isTransient(new CompletionException(pg(sqlState))))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22P05", "22021", "23505", "23502", "42P01", "42703", "57014", "XX000"})
    void reactiveClientErrorsThatWouldRepeatArePermanent(String sqlState) {
        assertThat(TransientFailures.isTransient(pg(sqlState))).isFalse();
        assertThat(TransientFailures.isTransient(
                        new HibernateException("wrapped", new CompletionException(pg(sqlState)))))
                .isFalse();
    }

    @Test
    void aClosedConnectionIsTransient() {
        assertThat(TransientFailures.isTransient(new CompletionException(ClosedConnectionException.INSTANCE)))
                .isTrue();
    }

    @Test
    void jdbcErrorsAreJudgedByTheirSqlStateToo() {
        assertThat(TransientFailures.isTransient(new SQLException("gone", "08006")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("bad text", "22021")))
                .isFalse();
    }

    @Test
    void failuresWithoutSqlStateKeepTheirFormerJudgement() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("broker briefly away")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("unknown run")))
                .isFalse();
    }
}
