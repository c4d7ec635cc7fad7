package dev.reaper.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds one assistant response out of the pieces a stream delivers, in the order blocks began, and
 * emits live {@link StreamEvent}s as it goes. Adapters only translate their wire events into calls on
 * this class, so accumulation rules (empty deltas are data, ids are never overwritten with empty
 * ones, empty tool arguments mean {@code {}}) live in one place.
 */
public final class ResponseAssembler {

    private final String provider;
    private final StreamListener listener;
    private final List<Object> blocks = new ArrayList<>();
    private final Map<Object, ToolSlot> openTools = new HashMap<>();
    private StringBuilder openText;
    private ReasoningSlot openReasoning;
    private String id;
    private String model;
    private Usage usage = Usage.ZERO;
    private StopReason stopReason;
    private String rawStopReason;
    private ProviderException error;
    private boolean complete;

    public ResponseAssembler(String provider, StreamListener listener) {
        this.provider = provider;
        this.listener = listener;
    }

    public String provider() {
        return provider;
    }

    public void start(String responseId, String responseModel) {
        if (id == null && responseId != null) {
            id = responseId;
        }
        if (responseModel != null) {
            model = responseModel;
        }
    }

    public String responseId() {
        return id;
    }

    public void text(String delta) {
        if (delta == null) {
            return;
        }
        openReasoning = null;
        if (openText == null) {
            openText = new StringBuilder();
            blocks.add(openText);
        }
        openText.append(delta);
        if (!delta.isEmpty()) {
            listener.onEvent(new StreamEvent.TextDelta(delta));
        }
    }

    public void reasoning(String delta) {
        if (delta == null) {
            return;
        }
        openText = null;
        if (openReasoning == null) {
            openReasoning = new ReasoningSlot();
            blocks.add(openReasoning);
        }
        openReasoning.text.append(delta);
        if (!delta.isEmpty()) {
            listener.onEvent(new StreamEvent.ReasoningDelta(delta));
        }
    }

    /** Adds to the signature of the reasoning block being built, or starts a block holding only a signature. */
    public void reasoningSignature(String signature) {
        if (signature == null || signature.isEmpty()) {
            return;
        }
        if (openReasoning == null) {
            openText = null;
            openReasoning = new ReasoningSlot();
            blocks.add(openReasoning);
        }
        openReasoning.signature.append(signature);
    }

    public void redactedReasoning(String data) {
        endBlock();
        ReasoningSlot slot = new ReasoningSlot();
        slot.redacted = data;
        blocks.add(slot);
    }

    /** Ends the open text or reasoning block: what comes next starts a new one. */
    public void endBlock() {
        openText = null;
        openReasoning = null;
    }

    /** A provider block Reaper keeps verbatim for the next turn without interpreting it. */
    public void opaque(String json) {
        endBlock();
        blocks.add(new ContentBlock.Opaque(provider, json));
    }

    /**
     * Begins a client tool call under {@code key} (a block or output index), or updates the one already
     * open there: a non-empty id or name is kept, an empty one never overwrites.
     */
    public void toolCallBegin(Object key, String callId, String name) {
        toolCallBegin(key, callId, name, null);
    }

    /**
     * Begins a tool call; {@code serverKind} names the provider's block type when the provider itself
     * runs the tool (Anthropic's {@code server_tool_use}). Such calls are kept in the message as opaque
     * blocks {@code {"type":serverKind,"id","name","input"}}, never executed locally.
     */
    public void toolCallBegin(Object key, String callId, String name, String serverKind) {
        ToolSlot slot = openTools.get(key);
        if (slot == null) {
            endBlock();
            slot = new ToolSlot(serverKind);
            openTools.put(key, slot);
            blocks.add(slot);
        }
        if (callId != null && !callId.isEmpty() && slot.id == null) {
            slot.id = callId;
        }
        if (name != null && !name.isEmpty() && slot.name == null) {
            slot.name = name;
        }
        if (!slot.announced && slot.name != null) {
            slot.announced = true;
            listener.onEvent(new StreamEvent.ToolCallStarted(slot.id(), slot.name));
        }
    }

    public boolean hasOpenToolCall(Object key) {
        return openTools.containsKey(key);
    }

    public void toolCallArguments(Object key, String fragment) {
        if (fragment == null) {
            return;
        }
        ToolSlot slot = openTools.get(key);
        if (slot == null) {
            toolCallBegin(key, null, null, null);
            slot = openTools.get(key);
        }
        slot.arguments.append(fragment);
    }

    /** Replaces the arguments gathered so far (providers that resend the whole value at the end). */
    public void toolCallArgumentsReplace(Object key, String whole) {
        ToolSlot slot = openTools.get(key);
        if (slot != null && whole != null) {
            slot.arguments.setLength(0);
            slot.arguments.append(whole);
        }
    }

    public void toolCallSignature(Object key, String signature) {
        ToolSlot slot = openTools.get(key);
        if (slot != null && signature != null && !signature.isEmpty()) {
            slot.signature = signature;
        }
    }

    public void toolCallEnd(Object key) {
        ToolSlot slot = openTools.remove(key);
        if (slot != null) {
            slot.close();
        }
    }

    /** A tool call delivered whole. */
    public void toolCall(String callId, String name, String argumentsJson, String signature, String serverKind) {
        Object key = new Object();
        toolCallBegin(key, callId, name, serverKind);
        toolCallArguments(key, argumentsJson);
        toolCallSignature(key, signature);
        toolCallEnd(key);
    }

    public void usage(Usage u) {
        if (u != null) {
            usage = u;
        }
    }

    public Usage usage() {
        return usage;
    }

    /** Records the provider's stop value; the response is complete. A later call wins. */
    public void finish(String raw, StopReason reason) {
        rawStopReason = raw;
        stopReason = reason;
        complete = true;
    }

    /** The provider said the stream is over without giving a stop reason here. */
    public void markComplete() {
        complete = true;
    }

    /** An error the provider reported inside the stream; the first one wins. */
    public void error(ProviderException e) {
        if (error == null) {
            error = e;
        }
    }

    public boolean hasError() {
        return error != null;
    }

    /** A new id for a tool call when the provider gives none. */
    public static String newCallId() {
        long r = ThreadLocalRandom.current().nextLong();
        return "call_" + Long.toHexString(r & 0xffffffffffffL);
    }

    /** Ends the response: open tool calls are closed best-effort and the final message is built. */
    public ChatResponse finishStream() {
        for (ToolSlot slot : openTools.values()) {
            slot.close();
        }
        openTools.clear();
        List<ContentBlock> content = new ArrayList<>();
        for (Object b : blocks) {
            ContentBlock block = switch (b) {
                case StringBuilder sb -> sb.isEmpty() ? null : new ContentBlock.Text(sb.toString());
                case ReasoningSlot r -> r.toBlock(provider);
                case ToolSlot t -> t.toBlock(provider);
                case ContentBlock c -> c;
                default -> throw new IllegalStateException("unknown block " + b);
            };
            if (block != null) {
                content.add(block);
            }
        }
        StopReason stop = stopReason;
        if (!complete && error == null) {
            stop = StopReason.INCOMPLETE;
        } else if (stop == null) {
            stop = error != null ? StopReason.OTHER : StopReason.END_TURN;
        }
        return new ChatResponse(id, model, new Message(Role.ASSISTANT, content), usage, stop, rawStopReason,
                error, complete && error == null);
    }

    private static final class ReasoningSlot {
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();
        String redacted;

        ContentBlock toBlock(String provider) {
            if (text.isEmpty() && signature.isEmpty() && redacted == null) {
                return null;
            }
            return new ContentBlock.Reasoning(text.toString(), signature.isEmpty() ? null : signature.toString(),
                    redacted, provider);
        }
    }

    private final class ToolSlot {
        final String serverKind;
        final StringBuilder arguments = new StringBuilder();
        String id;
        String name;
        String signature;
        boolean announced;
        ContentBlock.ToolUse done;

        ToolSlot(String serverKind) {
            this.serverKind = serverKind;
        }

        String id() {
            if (id == null) {
                id = newCallId();
            }
            return id;
        }

        void close() {
            if (done != null) {
                return;
            }
            String args = arguments.toString().strip();
            done = new ContentBlock.ToolUse(id(), name == null ? "" : name, args.isEmpty() ? "{}" : args,
                    signature, provider);
            listener.onEvent(new StreamEvent.ToolCallCompleted(done, serverKind != null));
        }

        ContentBlock toBlock(String provider) {
            close();
            if (serverKind == null) {
                return done;
            }
            ObjectNode json = Json.object();
            json.put("type", serverKind);
            json.put("id", done.id());
            json.put("name", done.name());
            json.set("input", Json.tryParse(done.argumentsJson()).filter(JsonNode::isObject).orElse(Json.object()));
            return new ContentBlock.Opaque(provider, Json.write(json));
        }
    }
}
