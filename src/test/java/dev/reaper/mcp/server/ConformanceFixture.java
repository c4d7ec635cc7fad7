package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed {@code test_*} tools, resources and prompts the MCP conformance suite's server scenarios call, served
 * by Reaper's own server code. Test-only: the product never offers these.
 */
final class ConformanceFixture {

    /** A 1×1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A WAV header with no samples. */
    static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

    private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");

    private ConformanceFixture() {}

    static McpServer.Features features() {
        return new McpServer.Features(new Tools(), new Resources(), new Prompts());
    }

    private static ObjectNode definition(String name, String description, String schema) {
        ObjectNode t = Json.object();
        t.put("name", name);
        t.put("description", description);
        t.set("inputSchema", Json.parse(schema));
        return t;
    }

    private static ObjectNode result(boolean error, ObjectNode... content) {
        ObjectNode r = Json.object();
        ArrayNode list = r.putArray("content");
        for (ObjectNode c : content) {
            list.add(c);
        }
        r.put("isError", error);
        return r;
    }

    private static ObjectNode text(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    private static ObjectNode media(String type, String data, String mime) {
        return Json.object().put("type", type).put("data", data).put("mimeType", mime);
    }

    private static ObjectNode embedded(String uri, String mime, String text) {
        ObjectNode c = Json.object().put("type", "resource");
        c.putObject("resource").put("uri", uri).put("mimeType", mime).put("text", text);
        return c;
    }

    private static final class Tools implements ServedTools {
        private static final String NONE = "{\"type\":\"object\",\"properties\":{}}";

        @Override
        public List<ObjectNode> list() {
            return List.of(
                    definition("test_simple_text", "Returns simple text", NONE),
                    definition("test_image_content", "Returns an image", NONE),
                    definition("test_audio_content", "Returns audio", NONE),
                    definition("test_embedded_resource", "Returns an embedded resource", NONE),
                    definition("test_multiple_content_types", "Returns text, an image and a resource", NONE),
                    definition("test_tool_with_logging", "Logs while it runs", NONE),
                    definition("test_tool_with_progress", "Reports progress", NONE),
                    definition("test_error_handling", "Always fails", NONE),
                    definition("test_sampling", "Asks the client's model", "{\"type\":\"object\",\"properties\":"
                            + "{\"prompt\":{\"type\":\"string\"}},\"required\":[\"prompt\"]}"),
                    definition("test_elicitation", "Asks the user", "{\"type\":\"object\",\"properties\":"
                            + "{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}"),
                    definition("test_elicitation_sep1034_defaults", "Asks with defaults", NONE),
                    definition("test_elicitation_sep1330_enums", "Asks with enums", NONE));
        }

        @Override
        public ObjectNode call(String name, JsonNode args, Exchange exchange) {
            try {
                return switch (name) {
                    case "test_simple_text" -> result(false, text("This is a simple text response for testing."));
                    case "test_image_content" -> result(false, media("image", PNG, "image/png"));
                    case "test_audio_content" -> result(false, media("audio", WAV, "audio/wav"));
                    case "test_embedded_resource" -> result(false, embedded("test://embedded-resource", "text/plain",
                            "This is an embedded resource content."));
                    case "test_multiple_content_types" -> result(false, text("Multiple content types test:"),
                            media("image", PNG, "image/png"), embedded("test://mixed-content-resource",
                                    "application/json", "{\"test\":\"data\",\"value\":123}"));
                    case "test_tool_with_logging" -> {
                        exchange.log("info", Json.MAPPER.getNodeFactory().textNode("Tool execution started"));
                        Thread.sleep(50);
                        exchange.log("info", Json.MAPPER.getNodeFactory().textNode("Tool processing data"));
                        Thread.sleep(50);
                        exchange.log("info", Json.MAPPER.getNodeFactory().textNode("Tool execution completed"));
                        yield result(false, text("Tool with logging executed successfully"));
                    }
                    case "test_tool_with_progress" -> {
                        for (int p = 0; p <= 100; p += 50) {
                            exchange.progress(p, 100.0, null);
                            if (p < 100) {
                                Thread.sleep(50);
                            }
                        }
                        yield result(false, text("Tool with progress executed successfully"));
                    }
                    case "test_error_handling" -> result(true,
                            text("This tool intentionally returns an error for testing"));
                    case "test_sampling" -> sampling(args, exchange);
                    case "test_elicitation" -> elicit(exchange, args.path("message").asText(), "{\"type\":\"object\","
                            + "\"properties\":{\"username\":{\"type\":\"string\",\"description\":\"User's response\"},"
                            + "\"email\":{\"type\":\"string\",\"description\":\"User's email address\"}},"
                            + "\"required\":[\"username\",\"email\"]}", "User response: ");
                    case "test_elicitation_sep1034_defaults" -> elicit(exchange, "Please review and update the"
                            + " form fields with defaults", "{\"type\":\"object\",\"properties\":{"
                            + "\"name\":{\"type\":\"string\",\"description\":\"User name\",\"default\":\"John Doe\"},"
                            + "\"age\":{\"type\":\"integer\",\"description\":\"User age\",\"default\":30},"
                            + "\"score\":{\"type\":\"number\",\"description\":\"User score\",\"default\":95.5},"
                            + "\"status\":{\"type\":\"string\",\"description\":\"User status\",\"enum\":[\"active\","
                            + "\"inactive\",\"pending\"],\"default\":\"active\"},"
                            + "\"verified\":{\"type\":\"boolean\",\"description\":\"Verification status\","
                            + "\"default\":true}}}", "Elicitation completed: ");
                    case "test_elicitation_sep1330_enums" -> elicit(exchange, "Please select options from the enum"
                            + " fields", "{\"type\":\"object\",\"properties\":{"
                            + "\"untitledSingle\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]},"
                            + "\"titledSingle\":{\"type\":\"string\",\"oneOf\":[{\"const\":\"value1\",\"title\":"
                            + "\"First Option\"},{\"const\":\"value2\",\"title\":\"Second Option\"},{\"const\":"
                            + "\"value3\",\"title\":\"Third Option\"}]},"
                            + "\"legacyEnum\":{\"type\":\"string\",\"enum\":[\"opt1\",\"opt2\",\"opt3\"],\"enumNames\":"
                            + "[\"Option One\",\"Option Two\",\"Option Three\"]},"
                            + "\"untitledMulti\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":"
                            + "[\"option1\",\"option2\",\"option3\"]}},"
                            + "\"titledMulti\":{\"type\":\"array\",\"items\":{\"anyOf\":[{\"const\":\"value1\","
                            + "\"title\":\"First Choice\"},{\"const\":\"value2\",\"title\":\"Second Choice\"},"
                            + "{\"const\":\"value3\",\"title\":\"Third Choice\"}]}}}}", "Elicitation completed: ");
                    default -> throw new IllegalArgumentException(name);
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(true, text("interrupted"));
            } catch (Exchange.McpRequestException e) {
                return result(true, text(e.getMessage()));
            }
        }

        private static ObjectNode sampling(JsonNode args, Exchange exchange) throws Exchange.McpRequestException {
            if (!exchange.clientCapabilities().has("sampling")) {
                return result(true, text("the client does not support sampling"));
            }
            ObjectNode params = Json.object();
            params.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text")
                    .put("text", args.path("prompt").asText());
            params.put("maxTokens", 100);
            JsonNode answer = exchange.request("sampling/createMessage", params, Duration.ofSeconds(30));
            return result(false, text("LLM response: " + answer.path("content").path("text").asText()));
        }

        private static ObjectNode elicit(Exchange exchange, String message, String schema, String prefix)
                throws Exchange.McpRequestException {
            if (!exchange.clientCapabilities().has("elicitation")) {
                return result(true, text("the client does not support elicitation"));
            }
            ObjectNode params = Json.object();
            params.put("message", message);
            params.set("requestedSchema", Json.parse(schema));
            JsonNode answer = exchange.request("elicitation/create", params, Duration.ofSeconds(30));
            return result(false, text(prefix + "action=" + answer.path("action").asText() + ", content="
                    + Json.write(answer.path("content"))));
        }
    }

    /** The version of test://watched-resource; {@link #touchWatched} changes it. */
    private static volatile int watchedVersion;

    /** Changes test://watched-resource, as a file changing under a subscription. */
    static void touchWatched() {
        watchedVersion++;
    }

    private static final class Resources implements ServedResources {

        @Override
        public List<ObjectNode> list() {
            return List.of(
                    resource("test://static-text", "Static text resource", "text/plain"),
                    resource("test://static-binary", "Static binary resource", "image/png"),
                    resource("test://watched-resource", "A resource to subscribe to", "text/plain"));
        }

        private static ObjectNode resource(String uri, String name, String mime) {
            return Json.object().put("uri", uri).put("name", name).put("description", name).put("mimeType", mime);
        }

        @Override
        public List<ObjectNode> templates() {
            return List.of(Json.object().put("uriTemplate", "test://template/{id}/data").put("name",
                    "Template resource").put("description", "Data for an id").put("mimeType", "application/json"));
        }

        @Override
        public Optional<ObjectNode> read(String uri) {
            Matcher m = TEMPLATE.matcher(uri);
            return switch (uri) {
                case "test://static-text" -> Optional.of(contents(uri, "text/plain", "text",
                        "This is the content of the static text resource."));
                case "test://static-binary" -> Optional.of(contents(uri, "image/png", "blob", PNG));
                case "test://watched-resource" -> Optional.of(contents(uri, "text/plain", "text",
                        "Watched resource, version " + watchedVersion));
                default -> m.matches() ? Optional.of(contents(uri, "application/json", "text",
                        "{\"id\":\"" + m.group(1) + "\",\"templateTest\":true,\"data\":\"Data for ID: " + m.group(1)
                                + "\"}")) : Optional.empty();
            };
        }

        private static ObjectNode contents(String uri, String mime, String field, String value) {
            ObjectNode r = Json.object();
            r.putArray("contents").addObject().put("uri", uri).put("mimeType", mime).put(field, value);
            return r;
        }
    }

    private static final class Prompts implements ServedPrompts {
        @Override
        public List<ObjectNode> list() {
            ObjectNode withArgs = prompt("test_prompt_with_arguments", "A prompt with arguments");
            withArgs.putArray("arguments").add(argument("arg1", "First test argument"))
                    .add(argument("arg2", "Second test argument"));
            ObjectNode withResource = prompt("test_prompt_with_embedded_resource", "A prompt with a resource");
            withResource.putArray("arguments").add(argument("resourceUri", "URI of the resource to embed"));
            return List.of(prompt("test_simple_prompt", "A simple prompt"), withArgs, withResource,
                    prompt("test_prompt_with_image", "A prompt with an image"));
        }

        private static ObjectNode prompt(String name, String description) {
            return Json.object().put("name", name).put("description", description);
        }

        private static ObjectNode argument(String name, String description) {
            return Json.object().put("name", name).put("description", description).put("required", true);
        }

        @Override
        public Optional<ObjectNode> get(String name, JsonNode args) {
            return switch (name) {
                case "test_simple_prompt" -> Optional.of(messages(text("This is a simple prompt for testing.")));
                case "test_prompt_with_arguments" -> Optional.of(messages(text("Prompt with arguments: arg1='"
                        + required(args, "arg1") + "', arg2='" + required(args, "arg2") + "'")));
                case "test_prompt_with_embedded_resource" -> Optional.of(messages(
                        embedded(required(args, "resourceUri"), "text/plain", "Embedded resource content for testing."),
                        text("Please process the embedded resource above.")));
                case "test_prompt_with_image" -> Optional.of(messages(media("image", PNG, "image/png"),
                        text("Please analyze the image above.")));
                default -> Optional.empty();
            };
        }

        private static String required(JsonNode args, String name) {
            if (!args.path(name).isTextual()) {
                throw new IllegalArgumentException("missing argument " + name);
            }
            return args.get(name).asText();
        }

        private static ObjectNode messages(ObjectNode... contents) {
            ObjectNode r = Json.object();
            ArrayNode list = r.putArray("messages");
            for (ObjectNode c : contents) {
                list.addObject().put("role", "user").set("content", c);
            }
            return r;
        }

        @Override
        public List<String> complete(String prompt, String argument, String prefix) {
            return List.of("paris", "park", "party").stream().filter(v -> v.startsWith(prefix)).toList();
        }
    }
}
