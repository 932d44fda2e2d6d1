package dev.overton.generator.catalog;

/**
 * A query parameter of the catalog endpoints that cannot be used; answered with 400 and a problem body naming the
 * parameter and the fix.
 */
public class CatalogParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public CatalogParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
