package dev.hush.cli;

import dev.hush.core.PrivateFile;
import dev.hush.core.VaultEnvFile;
import dev.hush.core.VaultSecrets;
import dev.hush.core.WordList;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The {@code new-vault} command: draws 12 words and fresh keys, writes them to a .env file with
 * mode 0600 and prints the words once. It needs no configuration file.
 */
public final class NewVaultCommand extends Command {
    private static final String ENV_FILE = "envFile";
    private static final String FORCE = "force";
    private static final String DATABASE_URL = "databaseUrl";

    private final PrintWriter stdout;

    /**
     * Creates the command printing to {@link System#out}. {@code Command.run} gets no access to the
     * Cli's PrintWriter, and {@code Application.run} builds its Cli on {@code System.out}.
     */
    public NewVaultCommand() {
        this(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    }

    /** Creates the command printing the words and the file path to {@code stdout}. */
    NewVaultCommand(PrintWriter stdout) {
        super("new-vault", "Create a new vault: draw 12 words and write a .env file");
        this.stdout = stdout;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--env-file")
                .dest(ENV_FILE)
                .metavar("PATH")
                .setDefault(".env")
                .help("path of the .env file to write, relative to the working directory");
        subparser.addArgument("--force")
                .dest(FORCE)
                .action(Arguments.storeTrue())
                .help("replace an existing file; the old vault's words will no longer unlock");
        subparser.addArgument("--database-url")
                .dest(DATABASE_URL)
                .metavar("URL")
                .type(NewVaultCommand::parseDatabaseUrl)
                .help("DATABASE_URL to write, as jdbc:postgresql://... or postgresql://... "
                        + "(default: the docker compose database service, db:5432)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Path envFile = Path.of(namespace.getString(ENV_FILE)).toAbsolutePath();
        boolean force = namespace.getBoolean(FORCE);

        VaultSecrets secrets = VaultSecrets.generate(new SecureRandom(), WordList.english());
        String databaseUrl = namespace.getString(DATABASE_URL);
        if (databaseUrl == null) {
            databaseUrl = VaultEnvFile.composeDatabaseUrl(secrets.postgresPassword());
        }
        String content = VaultEnvFile.render(secrets, databaseUrl);

        boolean ownerOnly = write(envFile, content, force);

        printResult(envFile, ownerOnly, secrets);
    }

    /** Prints only the one-line message of an expected failure, and a stack trace otherwise. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof NewVaultException) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private static String parseDatabaseUrl(ArgumentParser parser, Argument argument, String url)
            throws ArgumentParserException {
        try {
            VaultEnvFile.validateDatabaseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ArgumentParserException(e.getMessage(), parser, argument);
        }
        return url;
    }

    private static boolean write(Path envFile, String content, boolean force)
            throws NewVaultException {
        Path directory = envFile.getParent();
        if (!Files.isDirectory(directory)) {
            throw new NewVaultException("Cannot write " + envFile + ": directory " + directory
                    + " does not exist. Create it or pass another --env-file.");
        }
        if (Files.isDirectory(envFile)) {
            throw new NewVaultException("Cannot write " + envFile + ": it is a directory. "
                    + "Pass the path of a file to --env-file.");
        }

        try {
            return PrivateFile.write(envFile, content.getBytes(StandardCharsets.UTF_8), force);
        } catch (FileAlreadyExistsException e) {
            throw new NewVaultException("Refusing to overwrite " + envFile + ": it already exists. "
                    + "Pass --force to replace it (the old vault's words will no longer unlock).");
        } catch (IOException e) {
            throw new NewVaultException("Failed to write " + envFile + ": " + e, e);
        }
    }

    private void printResult(Path envFile, boolean ownerOnly, VaultSecrets secrets) {
        stdout.println("Wrote the new vault's settings to " + envFile
                + (ownerOnly ? " (mode 0600)." : "."));
        if (!ownerOnly) {
            stdout.println("WARNING: this file system has no POSIX permissions, so the file has "
                    + "its default access rights. Restrict access to it by hand.");
        }

        stdout.println();
        stdout.println("The 12 words that unlock the vault:");
        stdout.println();
        stdout.println("    " + secrets.phrase());
        stdout.println();
        stdout.println("They are shown only this once and are the only way into the vault. "
                + "Nothing can recover them.");
        stdout.println("Write them down and keep them somewhere safe, away from this server.");
        stdout.flush();
    }

    /** A failure whose message is a complete one-line explanation for the operator. */
    private static final class NewVaultException extends Exception {
        NewVaultException(String message) {
            super(message);
        }

        NewVaultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
