package dev.overton.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;

import org.junit.jupiter.api.Test;

class NamedRowTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:34:56.789Z");

    /** A row as Hibernate's native tuple holds it: values by lower-case label, unknown labels refused. */
    private record MapTuple(Map<String, Object> values) implements Tuple {

        @Override
        public Object get(String alias) {
            if (!values.containsKey(alias)) {
                throw new IllegalArgumentException("Unknown alias [" + alias + "]");
            }
            return values.get(alias);
        }

        @Override
        public <X> X get(String alias, Class<X> type) {
            Object value = get(alias);
            if (value != null && !type.isInstance(value)) {
                throw new IllegalArgumentException(
                        alias + " is a " + value.getClass().getSimpleName());
            }
            return type.cast(value);
        }

        @Override
        public <X> X get(TupleElement<X> element) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <X> X get(int i, Class<X> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(int i) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object[] toArray() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TupleElement<?>> getElements() {
            throw new UnsupportedOperationException();
        }
    }

    private static NamedRow row(Object... labelsAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            values.put((String) labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return NamedRow.of(new MapTuple(values));
    }

    @Test
    void numbersAreReadWhateverNumberTypeTheDriverChose() {
        NamedRow r = row("a", 7L, "b", 7, "c", BigInteger.valueOf(7), "d", 0.25f);

        assertThat(r.getInteger("a")).isEqualTo(7);
        assertThat(r.getLong("b")).isEqualTo(7L);
        assertThat(r.getLong("c")).isEqualTo(7L);
        assertThat(r.getDouble("d")).isEqualTo(0.25);
    }

    @Test
    void sqlNullStaysNullForEveryType() {
        NamedRow r = row("x", null);

        assertThat(r.getString("x")).isNull();
        assertThat(r.getInteger("x")).isNull();
        assertThat(r.getLong("x")).isNull();
        assertThat(r.getDouble("x")).isNull();
        assertThat(r.getBoolean("x")).isNull();
        assertThat(r.getInstant("x")).isNull();
    }

    @Test
    void timestampsAreReadInEveryFormADriverProduces() {
        assertThat(row("t", AT).getInstant("t")).isEqualTo(AT);
        assertThat(row("t", AT.atOffset(ZoneOffset.ofHours(2))).getInstant("t")).isEqualTo(AT);
        assertThat(row("t", Timestamp.from(AT)).getInstant("t")).isEqualTo(AT);
        assertThat(row("t", OffsetDateTime.ofInstant(AT, ZoneOffset.UTC).toString())
                        .getInstant("t"))
                .isEqualTo(AT);
    }

    @Test
    void textAndBooleansAreReadAsStored() {
        NamedRow r = row("name", "base", "reference", true);

        assertThat(r.getString("name")).isEqualTo("base");
        assertThat(r.getBoolean("reference")).isTrue();
    }

    @Test
    void aColumnTheQueryDoesNotReturnIsRefused() {
        assertThatThrownBy(() -> row("name", "base").getString("nmae")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberIsNotReadAsText() {
        assertThatThrownBy(() -> row("n", 3).getString("n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allReadsEveryRowInOrder() {
        List<NamedRow> rows = NamedRow.all(
                List.of(new MapTuple(Map.of("i", 1)), new MapTuple(Map.of("i", 2)), new MapTuple(Map.of("i", 3))));

        assertThat(rows).extracting(r -> r.getInteger("i")).containsExactly(1, 2, 3);
    }

    @Test
    void listMapsEveryRowInOrderByName() {
        List<String> read = NamedRow.list(
                List.of(new MapTuple(Map.of("i", 1, "s", "a")), new MapTuple(Map.of("i", 2, "s", "b"))),
                r -> r.getString("s") + r.getInteger("i"));

        assertThat(read).containsExactly("a1", "b2");
    }
}
