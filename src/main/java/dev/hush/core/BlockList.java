package dev.hush.core;

import java.util.Optional;

/**
 * The client IPs currently blocked. Lookups are in memory, so every request may ask without a
 * database round trip.
 */
public interface BlockList {
    /** Returns the block in force for the IP, given in the canonical form of {@link IpRange#canonical}. */
    Optional<Block> find(String ip);
}
