package io.integrationhost.api.metadata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The compiled credential field patterns, one per regular expression. A record has no room for a compiled
 * {@link Pattern} beside its components (adding one would change the contract's records), so they are kept here:
 * compiled when the first field with that expression is built, reused by every match after. The expressions come
 * from plugin descriptors, so there are few.
 */
final class FieldPatterns {

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private FieldPatterns() {
    }

    /**
     * The compiled {@code regex} of field {@code key}.
     *
     * @throws IllegalArgumentException when {@code regex} is not a Java regular expression
     */
    static Pattern compiled(String key, String regex) {
        Pattern known = COMPILED.get(regex);
        if (known != null) {
            return known;
        }
        try {
            return COMPILED.computeIfAbsent(regex, Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("The pattern of credential field '" + key + "' is not a Java regular "
                    + "expression (" + e.getDescription() + " at index " + e.getIndex() + "): " + regex, e);
        }
    }
}
