package dev.reaper.router;

import dev.reaper.protocol.Message;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;

/**
 * What one model response amounted to once its stream ended.
 *
 * @param rawStopReason the provider's own stop value, kept for logs and tests
 * @param error         an error the provider reported inside a successful (HTTP 200) stream, or null
 * @param complete      false when the stream ended before the provider said it was done
 */
public record ChatResponse(String id, String model, Message message, Usage usage, StopReason stopReason,
                           String rawStopReason, ProviderException error, boolean complete) {}
