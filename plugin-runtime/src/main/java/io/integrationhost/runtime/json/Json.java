package io.integrationhost.runtime.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The host's one JSON configuration: ISO dates, no nulls in the host's own answers, lenient about unknown
 * request fields, strict about the form of a body. What a plugin returns is the plugin's data, not the host's:
 * {@link #asIs} keeps its nulls, since "this field has no value" is an answer a client must be able to read.
 */
public final class Json {

    private static final ObjectMapper AS_IS = new ObjectMapper();

    private Json() {
    }

    /** {@code value} as a JSON tree with every null kept (a tree is written whole, whatever the mapper's inclusion). */
    public static JsonNode asIs(Object value) {
        return value == null ? NullNode.getInstance() : AS_IS.valueToTree(value);
    }

    /**
     * The mapper for request bodies and the host's answers. A body is one JSON value with each member named once:
     * {@code {…} xyz} and {@code {"a": 1, "a": 2}} are refused rather than read in part, or read as the last
     * of two values, which another reader of the same bytes may take differently.
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
