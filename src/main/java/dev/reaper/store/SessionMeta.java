package dev.reaper.store;

import java.time.Instant;

/**
 * What the session list shows without reading whole transcripts.
 *
 * @param title the first user prompt, shortened
 */
public record SessionMeta(String id, Instant created, Instant updated, String workspace, String model,
                          String title, int messages) {}
