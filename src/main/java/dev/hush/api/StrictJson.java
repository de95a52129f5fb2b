package dev.hush.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Makes request bodies match their declared types and lets them reach the configured size cap.
 * By default Jackson turns a JSON number or boolean into a string field, so
 * {@code "ciphertext": true} would be stored as the base64 text "true" and
 * {@code "words": 123...} would count as an unlock attempt.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Rejects numbers and booleans where a body declares a string field. Lets one string be as
     * long as the largest accepted body, because Jackson's default limit of 20 million characters
     * is below the base64 text of a 16 MiB ciphertext. Call it in {@code run}, after the
     * configuration is read, so that a YAML value such as an all-digit secret still reads as a
     * string.
     */
    public static void configure(ObjectMapper mapper, long maxBodyBytes) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);

        StreamReadConstraints defaults = mapper.getFactory().streamReadConstraints();
        int maxStringLength = (int) Math.min(Integer.MAX_VALUE,
                Math.max(defaults.getMaxStringLength(), maxBodyBytes));
        mapper.getFactory().setStreamReadConstraints(
                defaults.rebuild().maxStringLength(maxStringLength).build());
    }
}
