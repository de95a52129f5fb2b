package dev.hush.tasks;

import dev.hush.core.BlockService;
import dev.hush.core.IpRange;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /tasks/unblock-ip?ip=ADDRESS}: lifts the IP's block and clears its failure count. */
public final class UnblockIpTask extends Task {
    static final String USAGE = "Usage: POST /tasks/unblock-ip?ip=ADDRESS (an IPv4 or IPv6 address)";

    private final BlockService blocks;

    public UnblockIpTask(BlockService blocks) {
        super("unblock-ip");
        this.blocks = blocks;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Optional<String> ip = TaskParameters.single(parameters, "ip").flatMap(IpRange::canonical);
        if (ip.isEmpty()) {
            output.println("Nothing was changed: ip is missing or not an IP address.");
            output.println(USAGE);
            return;
        }
        BlockService.Unblocked result = blocks.unblock(ip.get());
        String block = result.wasBlocked() ? "block lifted" : "was not blocked";
        output.println(ip.get() + ": " + block + ", failure count cleared (was " + result.failuresCleared() + ")");
    }
}
