package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.WordList;
import dev.hush.core.Words;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewVaultCommandTest {
    private static final WordList ENGLISH = WordList.english();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream commandOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream cliErr = new ByteArrayOutputStream();

    @Test
    void writesEnvFileWithMode0600() throws IOException {
        Path envFile = directory.resolve(".env");

        Optional<Throwable> failure = run("new-vault", "--env-file", envFile.toString());

        assertThat(failure).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)))
                .isEqualTo("rw-------");
        assertThat(output()).contains("Wrote the new vault's settings to " + envFile);
        assertThat(output()).contains("(mode 0600)");
    }

    @Test
    void printedWordsMatchWrittenAuthHash() throws IOException {
        Path envFile = directory.resolve(".env");

        run("new-vault", "--env-file", envFile.toString());

        List<String> words = printedWords();
        assertThat(words).hasSize(12);
        for (String word : words) {
            assertThat(ENGLISH.contains(word)).as("word %s is in the list", word).isTrue();
        }
        assertThat(settings(envFile).get("AUTH_HASH"))
                .isEqualTo(Words.authHash(String.join(" ", words)));
    }

    @Test
    void printsWordsOnceWithWarning() throws IOException {
        run("new-vault", "--env-file", directory.resolve(".env").toString());

        String phrase = String.join(" ", printedWords());
        String output = output();

        assertThat(output.indexOf(phrase)).isEqualTo(output.lastIndexOf(phrase));
        assertThat(output).contains("shown only this once");
        assertThat(output).contains("only way into the vault");
    }

    @Test
    void envFileDoesNotContainWords() throws IOException {
        Path envFile = directory.resolve(".env");

        run("new-vault", "--env-file", envFile.toString());

        assertThat(Files.readString(envFile)).doesNotContain(String.join(" ", printedWords()));
    }

    @Test
    void writesAllSettings() throws IOException {
        Path envFile = directory.resolve(".env");

        run("new-vault", "--env-file", envFile.toString());

        Map<String, String> settings = settings(envFile);
        assertThat(settings.keySet()).containsExactly("AUTH_HASH", "KDF_SALT", "JWT_SECRET",
                "JWT_ALGORITHM", "JWT_EXPIRE_MINUTES", "MAX_AUTH_FAILURES", "FAILURE_MODE",
                "IP_BLOCK_MINUTES", "PANIC_MODE", "FRONTEND_URL", "POSTGRES_USER", "POSTGRES_DB",
                "POSTGRES_PASSWORD", "DATABASE_URL");
        assertThat(settings.get("JWT_SECRET")).hasSize(64);
        assertThat(settings.get("KDF_SALT")).hasSize(24);
    }

    @Test
    void defaultDatabaseUrlUsesComposeService() throws IOException {
        Path envFile = directory.resolve(".env");

        run("new-vault", "--env-file", envFile.toString());

        Map<String, String> settings = settings(envFile);
        assertThat(settings.get("DATABASE_URL")).isEqualTo(
                "postgresql://hush:" + settings.get("POSTGRES_PASSWORD") + "@db:5432/hush");
    }

    @Test
    void writesGivenDatabaseUrl() throws IOException {
        Path envFile = directory.resolve(".env");
        String url = "jdbc:postgresql://127.0.0.1:5432/vault?user=hush&password=x";

        run("new-vault", "--env-file", envFile.toString(), "--database-url", url);

        assertThat(settings(envFile).get("DATABASE_URL")).isEqualTo(url);
    }

    @Test
    void rejectsUnsafeDatabaseUrl() {
        Path envFile = directory.resolve(".env");

        Optional<Throwable> failure = run("new-vault", "--env-file", envFile.toString(),
                "--database-url", "postgresql://hush:se#cret@db/hush");

        assertThat(failure).isPresent();
        assertThat(errors()).contains("Percent-encode");
        assertThat(errors()).doesNotContain("se#cret");
        assertThat(envFile).doesNotExist();
        assertThat(output()).isEmpty();
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path envFile = directory.resolve(".env");
        Files.writeString(envFile, "AUTH_HASH=old\n");

        Optional<Throwable> failure = run("new-vault", "--env-file", envFile.toString());

        assertThat(failure).isPresent();
        assertThat(Files.readString(envFile)).isEqualTo("AUTH_HASH=old\n");
        assertThat(errors().strip()).isEqualTo("Refusing to overwrite " + envFile
                + ": it already exists. Pass --force to replace it (the old vault's words will "
                + "no longer unlock).");
        assertThat(output()).isEmpty();
    }

    @Test
    void overwritesWithForce() throws IOException {
        Path envFile = directory.resolve(".env");
        Files.writeString(envFile, "AUTH_HASH=old\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));

        Optional<Throwable> failure = run("new-vault", "--env-file", envFile.toString(), "--force");

        assertThat(failure).isEmpty();
        assertThat(settings(envFile).get("AUTH_HASH"))
                .isEqualTo(Words.authHash(String.join(" ", printedWords())));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void failsWhenDirectoryIsMissing() {
        Path envFile = directory.resolve("missing").resolve(".env");

        Optional<Throwable> failure = run("new-vault", "--env-file", envFile.toString());

        assertThat(failure).isPresent();
        assertThat(errors()).contains("directory " + envFile.getParent() + " does not exist");
        assertThat(errors().strip()).doesNotContain("\n");
    }

    @Test
    void failsWhenPathIsDirectory() {
        Optional<Throwable> failure = run("new-vault", "--env-file", directory.toString());

        assertThat(failure).isPresent();
        assertThat(errors()).contains("it is a directory");
    }

    private Optional<Throwable> run(String... arguments) {
        PrintWriter stdout = new PrintWriter(
                new OutputStreamWriter(commandOut, StandardCharsets.UTF_8), true);
        Bootstrap<Configuration> bootstrap = new Bootstrap<>(new EmptyApplication());
        bootstrap.addCommand(new NewVaultCommand(stdout));

        Cli cli = new Cli(new JarLocation(getClass()), bootstrap, cliOut, cliErr);
        return cli.run(arguments);
    }

    private String output() {
        return commandOut.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return cliErr.toString(StandardCharsets.UTF_8);
    }

    /** Returns the words from the one indented output line that lists them. */
    private List<String> printedWords() {
        List<String> indented = output().lines().filter(line -> line.startsWith("    ")).toList();
        assertThat(indented).hasSize(1);
        return Arrays.asList(indented.get(0).strip().split(" "));
    }

    private static Map<String, String> settings(Path envFile) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            settings.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return settings;
    }

    /** An application with no behaviour, because a Cli needs a Bootstrap to hold the command. */
    private static final class EmptyApplication extends Application<Configuration> {
        @Override
        public void run(Configuration configuration, Environment environment) {
        }
    }
}
