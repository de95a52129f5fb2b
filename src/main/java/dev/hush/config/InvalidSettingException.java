package dev.hush.config;

/**
 * A configuration variable that is missing or invalid. The message names the variable and the
 * rule it breaks, and never contains the value, so it is safe to print for any variable.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
