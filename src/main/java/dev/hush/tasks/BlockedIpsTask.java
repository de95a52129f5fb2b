package dev.hush.tasks;

import dev.hush.core.Block;
import dev.hush.core.BlockService;
import dev.hush.core.Timestamps;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/blocked-ips}: lists the IP blocks in force, one per line. */
public final class BlockedIpsTask extends Task {
    private final BlockService blocks;

    public BlockedIpsTask(BlockService blocks) {
        super("blocked-ips");
        this.blocks = blocks;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        List<Block> active = blocks.loadActive();
        output.println("Blocked IPs: " + active.size());
        for (Block block : active) {
            String expiry = block.permanent() ? "permanent" : "expires_at=" + Timestamps.format(block.expiresAt());
            output.println(block.ip() + " " + expiry);
        }
    }
}
