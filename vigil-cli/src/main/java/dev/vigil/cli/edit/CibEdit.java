package dev.vigil.cli.edit;

import dev.vigil.model.cib.Cib;

/**
 * One change to a CIB, as a pure function: the same input gives the same output, nothing
 * outside is read or written. It may be applied to a newer copy than the one the user saw.
 *
 * @see EditException for an edit that cannot be made
 */
@FunctionalInterface
public interface CibEdit {
    /** The edited CIB; throws {@link EditException} naming what is wrong. */
    Cib apply(Cib cib);

    /** An edit of the configuration section only. */
    static CibEdit ofConfiguration(java.util.function.UnaryOperator<dev.vigil.model.cib.Configuration> edit) {
        return cib -> cib.withConfiguration(edit.apply(cib.configuration()));
    }

    /** This edit, then {@code next}. */
    default CibEdit andThen(CibEdit next) {
        return cib -> next.apply(apply(cib));
    }
}
