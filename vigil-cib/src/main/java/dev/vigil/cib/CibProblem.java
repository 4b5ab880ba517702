package dev.vigil.cib;

/**
 * One thing wrong with a CIB: the element, as {@code <rsc_order id="o1">}, and why.
 *
 * @param element the offending element, written as its start tag with its id
 * @param reason  what is wrong, in words ("then 'db' is not a resource, group, clone, bundle,
 *                template or tag")
 */
public record CibProblem(String element, String reason) {
    /** {@code <rsc_order id="o1">: then 'db' is not ...}. */
    public String message() {
        return element + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }

    static String tag(String name, String id) {
        return id == null ? "<" + name + ">" : "<" + name + " id=\"" + id + "\">";
    }
}
