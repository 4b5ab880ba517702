package dev.vigil.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.model.cib.CibVersion;
import org.junit.jupiter.api.Test;

/** The optimistic check of cib.replace: only a configuration change since the read is a conflict. */
class CibReplaceHandlerTest {
    @Test
    void statusUpdatesAreNotAConflictButANewEpochIs() {
        CibVersion read = CibReplaceHandler.expectedVersion("0.7.3");
        assertEquals(new CibVersion(0, 7, 3), read);
        assertNull(CibReplaceHandler.conflict(new CibVersion(0, 7, 9), read));
        String conflict = CibReplaceHandler.conflict(new CibVersion(0, 8, 0), read);
        assertTrue(conflict.startsWith("the configuration changed since it was read (now version 0.8.0, read at 0.7.3)"),
                conflict);
        assertTrue(CibReplaceHandler.conflict(new CibVersion(1, 7, 3), read) != null);
    }

    @Test
    void aMalformedExpectedVersionIsABadRequest() {
        assertNull(CibReplaceHandler.expectedVersion(null));
        ApiException e = assertThrows(ApiException.class, () -> CibReplaceHandler.expectedVersion("7"));
        assertEquals(ApiError.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("'7'"), e.getMessage());
    }
}
