package dev.reaper.tui.text;

/** A run of text in one style. */
public record Span(String text, Style style) {}
