package dev.hush.cli;

import dev.hush.config.HushConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code check} command, printing configuration errors as one line. */
public final class HushCheckCommand extends CheckCommand<HushConfiguration> {
    public HushCheckCommand(Application<HushConfiguration> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        if (!StartupErrors.printIfConfigurationError(error, cli.getStdErr())) {
            super.onError(cli, namespace, error);
        }
    }
}
