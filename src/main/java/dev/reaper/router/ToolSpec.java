package dev.reaper.router;

/** A tool offered to the model: its name, description and JSON Schema of its arguments (as JSON text). */
public record ToolSpec(String name, String description, String inputSchemaJson) {}
