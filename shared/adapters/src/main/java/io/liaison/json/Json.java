package io.liaison.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper: strict on input (no duplicate keys, no trailing tokens), tree model only,
 * with read limits far below Jackson's defaults because no Liaison body nests deeper than four
 * levels or carries a number longer than a timestamp.
 */
public final class Json {
    public static final int MAX_NESTING = 32;
    public static final int MAX_NUMBER_LENGTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    /** A second mapper, built only where canonical text is asked for (not at every function's cold start). */
    private static final class Sorted {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    }

    private Json() {}

    /** The node as text with every object's members in name order: the same content, the same text. */
    public static String canonical(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return Sorted.MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }
}
