package dev.overton.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class BadValueFailuresTest {

    /** Shaped like the reactive client's PgException: the SQLSTATE behind a getter. */
    static final class FakePgException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String state;

        FakePgException(String state) {
            super("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (" + state + ")");
            this.state = state;
        }

        public String getSqlState() {
            return state;
        }
    }

    @Test
    void aNulRefusedByPostgresIsABadValueEvenWhenWrapped() {
        assertThat(BadValueFailures.isBadValue(new CompletionException(new FakePgException("22021"))))
                .isTrue();
        assertThat(BadValueFailures.isBadValue(new SQLException("nul", "22P05")))
                .isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(BadValueFailures.isBadValue(new FakePgException("23505"))).isFalse();
        assertThat(BadValueFailures.isBadValue(new SQLException("gone", "08006")))
                .isFalse();
        assertThat(BadValueFailures.isBadValue(new IllegalStateException("x"))).isFalse();
    }
}
