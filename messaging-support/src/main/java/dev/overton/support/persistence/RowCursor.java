package dev.overton.support.persistence;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A query's rows read through a PostgreSQL cursor, a page of rows at a time, as the subscriber asks for them: a
 * streamed HTTP answer holds one page, never the whole result, whatever its size.
 *
 * <p>Uses the reactive SQL client rather than a Hibernate session because a cursor needs a connection and a
 * transaction held open across demand; the connection goes back to the pool when the stream completes, fails or is
 * cancelled (a client that disconnects). Shared by the services' streamed reads (the generator's samples, the scorer's
 * values).
 */
public final class RowCursor {

    private RowCursor() {}

    /** The rows of {@code sql} with {@code parameters}, fetched {@code fetch} rows per round trip. */
    public static Multi<Row> rows(Pool pool, String sql, Tuple parameters, int fetch) {
        return Multi.createFrom()
                .resourceFromUni(pool::getConnection, connection -> inTransaction(connection, sql, parameters, fetch))
                .withFinalizer(SqlConnection::close);
    }

    private static Multi<Row> inTransaction(SqlConnection connection, String sql, Tuple parameters, int fetch) {
        // A cursor lives only inside a transaction; it only reads, so it is rolled back at the end.
        return Multi.createFrom()
                .resourceFromUni(
                        connection::begin,
                        tx -> connection
                                .prepare(sql)
                                .onItem()
                                .transformToMulti(statement -> statement
                                        .createStream(fetch, parameters)
                                        .toMulti()))
                .withFinalizer(Transaction::rollback);
    }
}
