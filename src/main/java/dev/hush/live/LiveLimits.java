package dev.hush.live;

import java.time.Duration;

/**
 * Limits of the live channel, per connection unless stated otherwise.
 *
 * @param maxFrameChars the largest client frame handled; a larger one gets an error frame
 * @param maxReadMessageBytes the largest text message Jetty buffers; past it Jetty closes with 1009
 * @param outboundQueueBytes the max bytes of frames waiting to be written, past which the
 *     socket is cut
 * @param outboundQueueFrames the max frames waiting to be written, past which the socket is cut
 * @param maxSubscriptions the threads one connection may subscribe to at once
 * @param maxClientIdLength the longest {@code client_id} accepted on an outgoing message
 * @param idleTimeout how long a socket may stay silent in both directions before Jetty closes it
 * @param heartbeatInterval how often every socket gets a heartbeat frame
 */
public record LiveLimits(
        int maxFrameChars,
        long maxReadMessageBytes,
        long outboundQueueBytes,
        int outboundQueueFrames,
        int maxSubscriptions,
        int maxClientIdLength,
        Duration idleTimeout,
        Duration heartbeatInterval) {

    private static final int FRAME_OVERHEAD_CHARS = 4096;
    private static final long MIN_OUTBOUND_QUEUE_BYTES = 1024 * 1024;
    private static final int OUTBOUND_QUEUE_FRAMES = 1024;
    private static final int MAX_SUBSCRIPTIONS = 256;
    private static final int MAX_CLIENT_ID_LENGTH = 128;

    /**
     * Returns the limits for a ciphertext cap: a frame may carry the base64 text of a maximal
     * ciphertext plus room for the iv, ids and JSON punctuation, and the outbound queue fits at
     * least four such frames.
     */
    public static LiveLimits forCiphertext(int maxCiphertextBytes) {
        int maxFrame = (int) (4L * ((maxCiphertextBytes + 2L) / 3L)) + FRAME_OVERHEAD_CHARS;
        return new LiveLimits(
                maxFrame,
                2L * maxFrame,
                Math.max(MIN_OUTBOUND_QUEUE_BYTES, 4L * maxFrame),
                OUTBOUND_QUEUE_FRAMES,
                MAX_SUBSCRIPTIONS,
                MAX_CLIENT_ID_LENGTH,
                Duration.ofSeconds(75),
                Duration.ofSeconds(30));
    }
}
