package dev.hush.config;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${VARIABLE}} and {@code ${VARIABLE:-default}} in the configuration file from the
 * process environment and a {@code .env} file in the working directory (the environment wins).
 * Every variable the file references is checked before substitution, and an unset variable
 * without a default stops start-up with an {@link InvalidSettingException} naming it.
 */
public final class EnvironmentSourceProvider implements ConfigurationSourceProvider {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:-[^}]*)?}");
    private static final Pattern VALUE_START = Pattern.compile("\\s*-\\s+|[^\"'#]*:\\s+");
    private static final Pattern VALUE_END = Pattern.compile("[ \\t]*(#.*)?\\r?");
    private static final Map<String, Consumer<String>> CHECKS = checks();

    private final ConfigurationSourceProvider delegate;
    private final Supplier<Map<String, String>> variables;

    /**
     * Creates a provider that reads {@code .env} and the environment when a command opens its
     * configuration, so a broken {@code .env} fails that command with one line, and commands that
     * need no configuration, such as new-vault, still run.
     */
    public EnvironmentSourceProvider(ConfigurationSourceProvider delegate) {
        this.delegate = delegate;
        this.variables = EnvironmentSourceProvider::loadVariables;
    }

    public EnvironmentSourceProvider(ConfigurationSourceProvider delegate, Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        this.delegate = delegate;
        this.variables = () -> copy;
    }

    /** Reads {@code .env} from the working directory, when present, under the process environment. */
    public static Map<String, String> loadVariables() {
        return loadVariables(Path.of("."), System.getenv());
    }

    /**
     * Reads {@code .env} from {@code directory}, when present; {@code environment} wins over it.
     * A malformed line is reported without its text, because it may contain a secret.
     */
    static Map<String, String> loadVariables(Path directory, Map<String, String> environment) {
        Dotenv dotenv;
        try {
            dotenv = Dotenv.configure().directory(directory.toString()).ignoreIfMissing().load();
        } catch (DotenvException e) {
            throw new InvalidSettingException(".env",
                    "has a line that is not NAME=value or a # comment; fix or remove it");
        }
        Map<String, String> merged = new HashMap<>();
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            merged.put(entry.getKey(), entry.getValue());
        }
        merged.putAll(environment);
        return merged;
    }

    @Override
    public InputStream open(String path) throws IOException {
        String text;
        try (InputStream in = delegate.open(path)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> values = variables.get();
        checkReferencedVariables(text, values);
        return new ByteArrayInputStream(substitute(text, values).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces every reference by its value, or by its default when unset. A value that forms a
     * whole YAML value is written as a double-quoted scalar, so a secret containing {@code #},
     * {@code ": "}, quotes or a leading {@code !} or {@code *} reads back unchanged instead of
     * breaking the YAML, and no parser error can quote it. Defaults are YAML from the file itself.
     */
    private static String substitute(String text, Map<String, String> variables) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String value = variables.get(reference.group(1));
            String replacement;
            if (value == null) {
                // checkReferencedVariables has rejected unset references without a default.
                replacement = reference.group(2).substring(2);
            } else if (isWholeValue(text, reference.start(), reference.end())) {
                replacement = doubleQuoted(value);
            } else {
                replacement = value;
            }
            reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(result);
        return result.toString();
    }

    /** Returns whether the reference follows "key: " or "- " and only a comment follows it. */
    private static boolean isWholeValue(String text, int start, int end) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        String before = text.substring(lineStart, start);
        String after = text.substring(end, lineEnd < 0 ? text.length() : lineEnd);
        return VALUE_START.matcher(before).matches() && VALUE_END.matcher(after).matches();
    }

    /** Writes a YAML double-quoted scalar, escaping backslashes, quotes and control characters. */
    static String doubleQuoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || c == '\ufeff') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static void checkReferencedVariables(String text, Map<String, String> variables) {
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            String name = reference.group(1);
            String value = variables.get(name);
            if (value == null) {
                if (reference.group(2) == null) {
                    throw new InvalidSettingException(name,
                            "is required but not set (in the environment or in .env)");
                }
                continue;
            }
            CHECKS.getOrDefault(name, ignored -> { }).accept(value);
        }
    }

    private static Map<String, Consumer<String>> checks() {
        Map<String, Consumer<String>> checks = new HashMap<>();
        checks.put("DATABASE_URL", DatabaseUrl::parse);
        checks.put("AUTH_HASH", SettingChecks::authHash);
        checks.put("KDF_SALT", SettingChecks::kdfSalt);
        checks.put("JWT_SECRET", SettingChecks::jwtSecret);
        checks.put("JWT_ALGORITHM", SettingChecks::jwtAlgorithm);
        checks.put("JWT_EXPIRE_MINUTES", v -> SettingChecks.integer("JWT_EXPIRE_MINUTES", v, 1, 10_080));
        checks.put("MAX_AUTH_FAILURES", v -> SettingChecks.integer("MAX_AUTH_FAILURES", v, 1, 100));
        checks.put("FAILURE_MODE", FailureMode::parse);
        checks.put("IP_BLOCK_MINUTES", v -> SettingChecks.integer("IP_BLOCK_MINUTES", v, 1, 525_600));
        checks.put("PANIC_MODE", v -> SettingChecks.bool("PANIC_MODE", v));
        checks.put("BACKEND_HOST", v -> SettingChecks.notBlank("BACKEND_HOST", v));
        checks.put("ADMIN_HOST", v -> SettingChecks.notBlank("ADMIN_HOST", v));
        checks.put("BACKEND_PORT", v -> SettingChecks.integer("BACKEND_PORT", v, 0, 65_535));
        checks.put("ADMIN_PORT", v -> SettingChecks.integer("ADMIN_PORT", v, 0, 65_535));
        checks.put("FRONTEND_URL", SettingChecks::origin);
        checks.put("TRUSTED_PROXIES", SettingChecks::trustedProxies);
        for (String name : new String[] {"RATE_LIMIT_AUTH_PER_MINUTE", "RATE_LIMIT_AUTH_BURST",
            "RATE_LIMIT_API_PER_MINUTE", "RATE_LIMIT_API_BURST"}) {
            checks.put(name, v -> SettingChecks.integer(name, v, 1, 1_000_000));
        }
        checks.put("MAX_CIPHERTEXT_BYTES",
                v -> SettingChecks.integer("MAX_CIPHERTEXT_BYTES", v, 1, 16 * 1024 * 1024));
        return Map.copyOf(checks);
    }
}
