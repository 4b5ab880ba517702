package dev.vigil.daemon.api;

import dev.vigil.api.ApiTypes;
import dev.vigil.cib.store.StoredCib;
import java.util.function.Supplier;

/** {@code cib.query}: this node's committed copy, as stored. */
public final class CibQueryHandler implements ApiHandler<ApiTypes.NoArgs> {
    private final Supplier<StoredCib> cib;

    public CibQueryHandler(Supplier<StoredCib> cib) {
        this.cib = cib;
    }

    @Override
    public String type() {
        return ApiTypes.CIB_QUERY;
    }

    @Override
    public Class<ApiTypes.NoArgs> argsType() {
        return ApiTypes.NoArgs.class;
    }

    @Override
    public Object handle(ApiTypes.NoArgs args, Caller caller) {
        StoredCib copy = cib.get();
        return new ApiTypes.CibQueryResult(copy.version().toString(), copy.digest(), copy.xml());
    }
}
