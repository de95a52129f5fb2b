package dev.hush.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Makes request bodies match their declared types. By default Jackson turns a JSON number or
 * boolean into a string field, so {@code "ciphertext": true} would be stored as the base64 text
 * "true" and {@code "words": 123...} would count as an unlock attempt.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Rejects numbers and booleans where a body declares a string field. Call it in {@code run},
     * after the configuration is read, so that a YAML value such as an all-digit secret still
     * reads as a string.
     */
    public static void configure(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
