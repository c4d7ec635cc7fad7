package dev.reaper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The official SARIF 2.1.0 JSON Schema, to validate Reaper's SARIF output against. */
public final class Sarif {

    private static final JsonSchema SCHEMA = load();

    private Sarif() {}

    public static JsonSchema schema() {
        return SCHEMA;
    }

    private static JsonSchema load() {
        try (InputStream in = Sarif.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonNode schema = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
