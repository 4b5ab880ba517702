package dev.vigil.api;

import java.util.List;

/** A request that failed, on either side: the {@link ApiError} says why. */
public class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiException(String code, String message) {
        this(new ApiError(code, message, List.of()));
    }

    public ApiException(String code, String message, List<String> details) {
        this(new ApiError(code, message, details));
    }

    public ApiError error() {
        return error;
    }

    public String code() {
        return error.code();
    }
}
