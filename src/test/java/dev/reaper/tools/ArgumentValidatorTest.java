package dev.reaper.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {

    private static final String SCHEMA = """
            {"type":"object",
             "properties":{
               "path":{"type":"string","description":"File path"},
               "offset":{"type":"integer","minimum":1,"maximum":1000},
               "ratio":{"type":"number","minimum":0.5},
               "mode":{"type":"string","enum":["fast","slow"]},
               "force":{"type":"boolean"},
               "edits":{"type":"array","items":{"type":"object",
                  "properties":{"old":{"type":"string","description":"Text to replace"},"new":{"type":"string"}},
                  "required":["old","new"],"additionalProperties":false}},
               "options":{"type":"object","properties":{"depth":{"type":"integer"}}}
             },
             "required":["path"],
             "additionalProperties":false}
            """;

    private static List<String> validate(String argsJson) {
        return ArgumentValidator.validate(Json.parse(argsJson), SCHEMA);
    }

    @Test
    void acceptsValidArguments() {
        assertThat(validate("""
                {"path":"a.txt","offset":3,"ratio":0.75,"mode":"fast","force":true,
                 "edits":[{"old":"a","new":"b"}],"options":{"depth":2,"extra":"allowed here"}}
                """)).isEmpty();
    }

    @Test
    void namesAMissingRequiredArgumentWithItsTypeAndDescription() {
        assertThat(validate("{}")).containsExactly("`path` is required (string: File path)");
        assertThat(validate("{\"path\":null}")).containsExactly("`path` is required (string: File path)");
    }

    @Test
    void aMissingRequiredArgumentWithoutADeclaredTypeIsNamedPlainly() {
        List<String> problems = ArgumentValidator.validate(Json.parse("{}"),
                "{\"type\":\"object\",\"properties\":{},\"required\":[\"x\"]}");

        assertThat(problems).containsExactly("`x` is required");
    }

    @Test
    void saysWhatTypeWasExpectedAndWhatCame() {
        assertThat(validate("{\"path\":5}")).containsExactly("`path` must be a string, not a number");
        assertThat(validate("{\"path\":\"a\",\"offset\":\"3\"}"))
                .containsExactly("`offset` must be an integer, not a string");
        assertThat(validate("{\"path\":\"a\",\"force\":\"yes\"}"))
                .containsExactly("`force` must be a boolean, not a string");
        assertThat(validate("{\"path\":\"a\",\"edits\":{}}")).containsExactly("`edits` must be an array, not an object");
        assertThat(validate("{\"path\":\"a\",\"options\":[]}")).containsExactly("`options` must be an object, not an array");
    }

    @Test
    void theArgumentsThemselvesMustBeAnObject() {
        assertThat(validate("[1]")).containsExactly("the arguments must be an object, not an array");
        assertThat(validate("\"a\"")).containsExactly("the arguments must be an object, not a string");
    }

    @Test
    void rejectsUnknownArgumentsAndListsTheKnownOnes() {
        assertThat(validate("{\"path\":\"a\",\"file\":\"b\"}")).containsExactly(
                "`file` is not an argument of this tool (it takes path, offset, ratio, mode, force, edits, options)");
    }

    @Test
    void anUnknownArgumentOfAToolWithoutArgumentsSaysSo() {
        List<String> problems = ArgumentValidator.validate(Json.parse("{\"x\":1}"),
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}");

        assertThat(problems).containsExactly("`x` is not an argument of this tool (it takes no arguments)");
    }

    @Test
    void checksEnumValues() {
        assertThat(validate("{\"path\":\"a\",\"mode\":\"medium\"}"))
                .containsExactly("`mode` must be one of [\"fast\",\"slow\"]");
    }

    @Test
    void checksMinimumAndMaximum() {
        assertThat(validate("{\"path\":\"a\",\"offset\":0}")).containsExactly("`offset` must be at least 1");
        assertThat(validate("{\"path\":\"a\",\"offset\":1001}")).containsExactly("`offset` must be at most 1000");
        assertThat(validate("{\"path\":\"a\",\"offset\":1000}")).isEmpty();
        assertThat(validate("{\"path\":\"a\",\"ratio\":0.25}")).containsExactly("`ratio` must be at least 0.5");
    }

    @Test
    void anIntegerMustHaveNoFractionButANumberMay() {
        assertThat(validate("{\"path\":\"a\",\"offset\":1.5}")).containsExactly("`offset` must be an integer, not a number");
        assertThat(validate("{\"path\":\"a\",\"offset\":2.0}")).isEmpty();
        assertThat(validate("{\"path\":\"a\",\"ratio\":1}")).isEmpty();
        assertThat(validate("{\"path\":\"a\",\"ratio\":1.5}")).isEmpty();
    }

    @Test
    void checksArrayItemsAndNamesThemByIndex() {
        assertThat(validate("""
                {"path":"a","edits":[{"old":"a","new":"b"},{"old":"c"},{"old":1,"new":"d","extra":true}]}
                """)).containsExactly(
                "`edits[1].new` is required (string)",
                "`edits[2].old` must be a string, not a number",
                "`edits[2].extra` is not an argument of this tool (it takes old, new)");
    }

    @Test
    void checksNestedObjects() {
        assertThat(validate("{\"path\":\"a\",\"options\":{\"depth\":\"deep\"}}"))
                .containsExactly("`options.depth` must be an integer, not a string");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(validate("{\"offset\":0,\"mode\":\"x\",\"bogus\":1}")).containsExactlyInAnyOrder(
                "`path` is required (string: File path)",
                "`offset` must be at least 1",
                "`mode` must be one of [\"fast\",\"slow\"]",
                "`bogus` is not an argument of this tool (it takes path, offset, ratio, mode, force, edits, options)");
    }

    @Test
    void everyBuiltinSchemaAcceptsItsMinimalCall() {
        assertThat(ArgumentValidator.validate(Json.parse("{\"path\":\"a\"}"), ToolResources.schema("read"))).isEmpty();
        assertThat(ArgumentValidator.validate(Json.parse("{\"command\":\"ls\"}"), ToolResources.schema("bash"))).isEmpty();
        assertThat(ArgumentValidator.validate(Json.parse("{}"), ToolResources.schema("list"))).isEmpty();
        assertThat(ArgumentValidator.validate(Json.parse("{\"command\":\"ls\",\"timeout_ms\":0}"),
                ToolResources.schema("bash"))).containsExactly("`timeout_ms` must be at least 1");
    }
}
