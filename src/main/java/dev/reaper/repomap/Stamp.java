package dev.reaper.repomap;

/** When a file was last modified (nanoseconds since the epoch) and its size: a file whose stamp is unchanged is not tagged again. */
record Stamp(long modified, long size) {}
