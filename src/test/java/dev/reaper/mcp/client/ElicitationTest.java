package dev.reaper.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.json.Json;
import org.junit.jupiter.api.Test;

/** With nobody to ask, a form is accepted with its own defaults (SEP-1034) when they cover it, else declined. */
class ElicitationTest {

    @Test
    void defaultsOfEveryKindAreAccepted() {
        Elicitation.Answer a = Elicitation.DEFAULTS.ask("s", "please", Json.parse("""
                {"type": "object", "properties": {
                  "name": {"type": "string", "default": "John Doe"},
                  "age": {"type": "integer", "default": 30},
                  "score": {"type": "number", "default": 95.5},
                  "status": {"type": "string", "enum": ["active", "inactive"], "default": "active"},
                  "verified": {"type": "boolean", "default": true},
                  "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "default": ["a"]},
                  "note": {"type": "string"}},
                 "required": ["name", "status"]}
                """));

        assertThat(a).isEqualTo(new Elicitation.Accept((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
                "{\"name\":\"John Doe\",\"age\":30,\"score\":95.5,\"status\":\"active\",\"verified\":true,"
                        + "\"tags\":[\"a\"]}")));
    }

    @Test
    void aRequiredFieldWithoutADefaultIsDeclined() {
        assertThat(Elicitation.DEFAULTS.ask("s", "who?", Json.parse("""
                {"type": "object", "properties": {"name": {"type": "string"}, "n": {"type": "number", "default": 1}},
                 "required": ["name"]}
                """))).isEqualTo(new Elicitation.Decline());
    }

    @Test
    void aDefaultOfTheWrongTypeOrOutsideItsChoicesIsNoDefault() {
        assertThat(Elicitation.DEFAULTS.ask("s", "?", Json.parse("""
                {"type": "object", "properties": {"n": {"type": "number", "default": "1"}}, "required": ["n"]}
                """))).isEqualTo(new Elicitation.Decline());
        assertThat(Elicitation.DEFAULTS.ask("s", "?", Json.parse("""
                {"type": "object", "properties": {"c": {"type": "string", "enum": ["x"], "default": "y"}},
                 "required": ["c"]}
                """))).isEqualTo(new Elicitation.Decline());
    }
}
