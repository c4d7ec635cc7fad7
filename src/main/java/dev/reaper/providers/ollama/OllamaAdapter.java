package dev.reaper.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ErrorText;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.RetryAfter;
import dev.reaper.router.ToolSpec;
import dev.reaper.router.wire.NdjsonDecoder;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Ollama's native chat API ({@code POST /api/chat}, newline-delimited JSON). */
public final class OllamaAdapter implements ProviderAdapter {

    public static final String WIRE_API = "ollama";

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    /** Ollama's embeddings ({@code POST {host}/api/embed}). */
    @Override
    public java.util.Optional<HttpCall> embedCall(ProviderEndpoint endpoint, String model, List<String> inputs) {
        ObjectNode body = Json.object();
        body.put("model", model);
        inputs.forEach(body.putArray("input")::add);
        return java.util.Optional.of(HttpCall.postJson(endpoint.baseUrl() + "/api/embed", endpoint.headers(),
                Json.write(body).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<float[]> parseEmbeddings(byte[] body) {
        List<float[]> out = new java.util.ArrayList<>();
        for (JsonNode e : Json.parse(new String(body, StandardCharsets.UTF_8)).path("embeddings")) {
            float[] v = new float[e.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) e.get(i).asDouble();
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        return HttpCall.postJson(endpoint.baseUrl() + "/api/chat", headers(endpoint), encode(model, request));
    }

    private static Map<String, String> headers(ProviderEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.apiKey().isPresent()) {
            headers.put("authorization", "Bearer " + endpoint.keyValue());
        }
        return headers;
    }

    static byte[] encode(String model, ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("stream", true);
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null && !request.system().isEmpty()) {
            ObjectNode sys = messages.addObject();
            sys.put("role", "system");
            sys.put("content", request.system());
        }
        Map<String, String> callNames = new HashMap<>();
        for (Message m : request.messages()) {
            if (m.role() == Role.ASSISTANT) {
                assistant(messages, m, callNames);
            } else {
                user(messages, m, callNames);
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = tools.addObject();
                fn.put("type", "function");
                ObjectNode f = fn.putObject("function");
                f.put("name", t.name());
                f.put("description", t.description());
                f.set("parameters", Json.parse(t.inputSchemaJson()));
            }
        }
        body.putObject("options").put("num_predict", request.maxTokens());
        return Json.bytes(body);
    }

    private static void assistant(ArrayNode messages, Message m, Map<String, String> callNames) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (b instanceof ContentBlock.ToolUse call) {
                callNames.put(call.id(), call.name());
                ObjectNode f = calls.addObject().putObject("function");
                f.put("name", call.name());
                f.set("arguments", Json.tryParse(call.argumentsJson()).filter(JsonNode::isObject).orElse(Json.object()));
            }
        }
        ObjectNode msg = messages.addObject();
        msg.put("role", "assistant");
        msg.put("content", text.toString());
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
    }

    private static void user(ArrayNode messages, Message m, Map<String, String> callNames) {
        StringBuilder text = new StringBuilder();
        ArrayNode images = Json.array();
        for (ContentBlock b : m.content()) {
            switch (b) {
                case ContentBlock.ToolResult r -> {
                    ObjectNode tool = messages.addObject();
                    tool.put("role", "tool");
                    tool.put("tool_name", callNames.getOrDefault(r.toolUseId(), ""));
                    tool.put("content", r.content());
                }
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.Image img -> images.add(img.base64Data());
                default -> { }
            }
        }
        if (text.isEmpty() && images.isEmpty()) {
            return;
        }
        ObjectNode msg = messages.addObject();
        msg.put("role", "user");
        msg.put("content", text.toString());
        if (!images.isEmpty()) {
            msg.set("images", images);
        }
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler out) {
        return new NdjsonDecoder(new OllamaStreamParser(out));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        StreamDecoder decoder = decoder(assembler);
        decoder.feed(body);
        decoder.end();
    }

    static ProviderException.Kind kindOf(String message, int status) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("not found") && m.contains("model")) {
            return ProviderException.Kind.NOT_FOUND;
        }
        if (m.contains("context") && (m.contains("length") || m.contains("exceed"))) {
            return ProviderException.Kind.CONTEXT_LENGTH;
        }
        return status > 0 ? ProviderException.kindForStatus(status) : ProviderException.Kind.SERVER;
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String message = Json.tryParse(text).map(n -> Json.text(n, "error")).orElse(null);
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        ProviderException.Kind kind = status == 404 && message.contains("model")
                ? ProviderException.Kind.NOT_FOUND : kindOf(message, status);
        String hint = kind == ProviderException.Kind.NOT_FOUND ? " (pull it with: ollama pull MODEL)" : "";
        return new ProviderException(kind, provider, status,
                provider + " returned HTTP " + status + ": " + message + hint,
                RetryAfter.fromHeaders(headers, Clock.systemUTC()));
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(endpoint.baseUrl() + "/api/tags", headers(endpoint));
    }

    @Override
    public List<String> parseModels(byte[] body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : Json.parse(new String(body, StandardCharsets.UTF_8)).path("models")) {
            String name = Json.text(m, "name");
            if (name != null) {
                ids.add(name);
            }
        }
        return ids;
    }
}
