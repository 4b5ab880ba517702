package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibProblem;
import dev.vigil.cib.CibValidator;
import dev.vigil.cib.CibVersions;
import dev.vigil.cib.CibXml;
import dev.vigil.daemon.core.ReplicatedCib;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cib.replace}: the document's configuration and root settings replace the cluster's.
 * The document is checked here first (all of its problems are listed, nothing is sent), then by
 * the DC against its copy. The status section and the version numbers stay the cluster's, except
 * that a higher {@code admin_epoch} is kept.
 *
 * <p>With {@code expectedVersion}, the replacement is an optimistic write: it is refused when
 * the configuration moved on since the caller read it, both here and again when the change is
 * applied (the check runs inside the change, so a write that races with another is refused too).
 */
public final class CibReplaceHandler implements ApiHandler<ApiTypes.CibReplaceArgs> {
    private final ReplicatedCib cib;

    public CibReplaceHandler(ReplicatedCib cib) {
        this.cib = cib;
    }

    @Override
    public String type() {
        return ApiTypes.CIB_REPLACE;
    }

    @Override
    public Class<ApiTypes.CibReplaceArgs> argsType() {
        return ApiTypes.CibReplaceArgs.class;
    }

    @Override
    public Object handle(ApiTypes.CibReplaceArgs args, Caller caller) {
        if (args.xml() == null || args.xml().isBlank()) {
            throw new ApiException(ApiError.BAD_REQUEST, "cib.replace: field 'xml' is missing or empty");
        }
        Cib document;
        try {
            document = CibXml.parse(args.xml());
        } catch (CibFormatException e) {
            throw new ApiException(ApiError.INVALID_CIB, "the new CIB is refused: " + e.getMessage(), List.of(e.getMessage()));
        }
        Cib before = cib.current();
        CibVersion expected = expectedVersion(args.expectedVersion());
        if (expected != null) {
            String conflict = conflict(before.version(), expected);
            if (conflict != null) {
                throw new ApiException(ApiError.CONFLICT, conflict);
            }
        }
        List<CibProblem> problems = CibValidator.problems(replace(before, document));
        if (!problems.isEmpty()) {
            throw new ApiException(ApiError.INVALID_CIB, "the new CIB is refused: " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "; nothing was changed",
                    problems.stream().map(CibProblem::message).toList());
        }
        CibVersion version = Changes.apply(cib, "replace the CIB", caller, current -> {
            String conflict = expected == null ? null : conflict(current.version(), expected);
            if (conflict != null) {
                throw new IllegalStateException(conflict);
            }
            return replace(current, document);
        });
        return new ApiTypes.CibReplaceResult(version.toString(), !version.equals(before.version()));
    }

    /** Parses {@code admin_epoch.epoch.num_updates}; null when not given. */
    static CibVersion expectedVersion(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.trim().split("\\.");
        try {
            if (parts.length == 3) {
                return new CibVersion(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new ApiException(ApiError.BAD_REQUEST, "cib.replace: field 'expectedVersion' must be "
                + "admin_epoch.epoch.num_updates (three integers), not '" + text + "'");
    }

    /** Why a write read at {@code expected} may not replace {@code current}; null when it may. */
    static String conflict(CibVersion current, CibVersion expected) {
        if (current.adminEpoch() == expected.adminEpoch() && current.epoch() == expected.epoch()) {
            return null;
        }
        return "the configuration changed since it was read (now version " + current + ", read at " + expected
                + "); nothing was changed: read it again and redo the change";
    }

    /** {@code current} with {@code document}'s configuration and root settings. */
    static Cib replace(Cib current, Cib document) {
        Map<String, String> attributes = new LinkedHashMap<>();
        current.attributes().forEach((name, value) -> {
            if (CibVersions.MANAGED_ATTRIBUTES.contains(name)) {
                attributes.put(name, value);
            }
        });
        attributes.putAll(CibVersions.userAttributes(document));
        if (document.version().adminEpoch() > current.version().adminEpoch()) {
            attributes.put("admin_epoch", Long.toString(document.version().adminEpoch()));
        }
        return new Cib(attributes, document.configuration(), current.status());
    }
}
