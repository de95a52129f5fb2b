package dev.hush.tasks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the single-valued parameters of an admin task request. */
final class TaskParameters {
    private TaskParameters() {
    }

    /** Returns the parameter's only value, or empty when it is missing or given more than once. */
    static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(values.get(0).trim());
    }
}
