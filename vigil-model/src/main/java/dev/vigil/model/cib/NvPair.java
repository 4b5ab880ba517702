package dev.vigil.model.cib;

/**
 * One name/value pair of an attribute set. {@code idRef} is set when the pair only points at
 * another pair; {@code value} is null for a pair that unsets a name.
 */
public record NvPair(String id, String idRef, String name, String value) {
    public static NvPair of(String id, String name, String value) {
        return new NvPair(id, null, name, value);
    }
}
