package dev.reaper.config;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A {@code [models."provider/model"]} table: catalog facts the user knows better. Prices per million tokens. */
public record ModelOverride(OptionalLong contextWindow, OptionalLong maxOutput, OptionalDouble inputPrice,
                            OptionalDouble outputPrice, OptionalDouble cacheReadPrice, OptionalDouble cacheWritePrice) {}
