package dev.overton.generator.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code cursor} of {@code GET /runs}: the position (creation time, id) of the last run of the previous page,
 * base64url-encoded. Runs are listed newest first with the id as tie-breaker, so the next page is every run strictly
 * before that position; runs accepted meanwhile never shift a page.
 *
 * @param createdAt the last listed run's creation time
 * @param id the last listed run's id
 */
public record CatalogCursor(Instant createdAt, String id) {

    /** The longest run id (the column's width). */
    static final int MAX_ID_LENGTH = 64;

    /** The cursor as sent to clients. */
    public String encode() {
        long micros =
                Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1000);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client sent back.
     *
     * @throws CatalogParameterException naming {@code cursor} when it is not one this service issued
     */
    public static CatalogCursor decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid();
        }
        String id = text.substring(colon + 1);
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw invalid();
        }
        long micros;
        try {
            micros = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        return new CatalogCursor(
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L),
                id);
    }

    private static CatalogParameterException invalid() {
        return new CatalogParameterException(
                "cursor", "is not a cursor this service issued; pass the 'next' value of the previous page unchanged");
    }
}
