package dev.hush.cli;

import dev.hush.config.HushConfiguration;
import dev.hush.db.SchemaMigrator;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.migrations.DbCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** dropwizard-migrations' {@code db} commands, printing configuration errors as one line. */
public final class HushDbCommand extends DbCommand<HushConfiguration> {
    public HushDbCommand() {
        super("db", HushConfiguration::dataSourceFactory, HushConfiguration.class, SchemaMigrator.CHANGELOG);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        if (!StartupErrors.printIfConfigurationError(error, cli.getStdErr())) {
            super.onError(cli, namespace, error);
        }
    }
}
