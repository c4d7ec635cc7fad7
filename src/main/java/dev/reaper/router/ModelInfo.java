package dev.reaper.router;

import java.util.Optional;

/**
 * What Reaper knows of a model: limits, prices (empty when unknown) and capabilities.
 *
 * @param id the model id, {@code provider/model}
 */
public record ModelInfo(String id, long contextWindow, long maxOutput, Optional<Pricing> pricing,
                        boolean toolCalls, boolean reasoning, boolean vision) {}
