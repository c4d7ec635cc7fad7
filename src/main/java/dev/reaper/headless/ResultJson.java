package dev.reaper.headless;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Outcome;

/** The final result object of {@code --output-format json} and {@code stream-json}, with Claude Code's field names. */
public final class ResultJson {

    private ResultJson() {}

    public static ObjectNode of(Outcome o, String sessionId) {
        ObjectNode n = Json.object();
        n.put("type", "result");
        n.put("subtype", subtype(o.status()));
        n.put("is_error", o.isError());
        n.put("result", o.result() == null ? "" : o.result());
        n.put("session_id", sessionId);
        n.put("num_turns", o.numTurns());
        n.put("duration_ms", o.durationMs());
        n.put("duration_api_ms", o.apiDurationMs());
        n.put("total_cost_usd", o.costUsd());
        ObjectNode usage = n.putObject("usage");
        usage.put("input_tokens", o.usage().inputTokens());
        usage.put("output_tokens", o.usage().outputTokens());
        usage.put("cache_read_input_tokens", o.usage().cacheReadTokens());
        usage.put("cache_creation_input_tokens", o.usage().cacheWriteTokens());
        n.put("model", o.model());
        if (o.error() != null) {
            n.put("error", o.error());
        }
        return n;
    }

    static String subtype(Outcome.Status s) {
        return switch (s) {
            case SUCCESS -> "success";
            case MAX_TURNS -> "error_max_turns";
            case BUDGET_EXCEEDED -> "error_max_budget_usd";
            case INTERRUPTED -> "error_interrupted";
            case CONFIG, FAILED -> "error_during_execution";
        };
    }
}
