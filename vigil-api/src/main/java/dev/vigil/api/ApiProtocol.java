package dev.vigil.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The frame: each request and each response is one JSON object on one line (UTF-8, ending in
 * {@code \n}).
 *
 * <pre>
 * → {"v":1,"id":1,"type":"cluster.status","args":{}}
 * ← {"v":1,"id":1,"ok":true,"result":{...}}
 * ← {"v":1,"id":1,"ok":false,"error":{"code":"invalid-cib","message":"...","details":["..."]}}
 * </pre>
 *
 * {@code v} is the protocol version: a server answers a request of a version it does not
 * speak with {@code unsupported-version}, naming the versions it does. New request types and
 * new optional fields do not change the version; removing or changing the meaning of one does.
 * Unknown fields in {@code args} are refused by name, so a typo never passes silently.
 */
public final class ApiProtocol {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** Longest line either side accepts (a CIB replacement is the largest message). */
    public static final int MAX_LINE_BYTES = 32 * 1024 * 1024;
    /** The daemon's socket when none is given. */
    public static final String DEFAULT_SOCKET = "/run/vigil/vigil.sock";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_LINE_BYTES).maxNestingDepth(64).build());
    }

    private ApiProtocol() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One JSON line, without the newline. */
    public static String toLine(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + message.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code node} as a {@code type}.
     *
     * @throws ApiException {@code bad-request} naming the field that is unknown, missing or of
     *                      the wrong kind
     */
    public static <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(node == null ? MAPPER.createObjectNode() : node, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new ApiException(ApiError.BAD_REQUEST, what + ": unknown field '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
        } catch (InvalidFormatException e) {
            throw new ApiException(ApiError.BAD_REQUEST, what + ": field '" + path(e) + "' cannot be "
                    + e.getValue() + " (expected " + e.getTargetType().getSimpleName().toLowerCase() + ")");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new ApiException(ApiError.BAD_REQUEST, what + (field.isEmpty() ? "" : ": field '" + field + "'")
                    + ": " + e.getOriginalMessage().replaceAll(" \\(for .*", ""));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ia ? ia : e;
            String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
            throw new ApiException(ApiError.BAD_REQUEST, what + ": " + message);
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
