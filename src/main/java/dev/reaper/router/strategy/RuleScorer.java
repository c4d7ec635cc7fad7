package dev.reaper.router.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.StopReason;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores answers by rules, without a model call: a finished answer beats a cut one; tool calls must name
 * a tool the request offered and carry a JSON object; among edits, the smaller change wins; an empty
 * answer loses. Ties go to the earlier candidate.
 */
public final class RuleScorer implements Scorer {

    /** Tools whose arguments are file changes: a smaller change is the better one, other things equal. */
    private static final Set<String> EDITING_TOOLS = Set.of("edit", "write", "apply_patch", "multi_edit");

    @Override
    public Verdict pick(ChatRequest request, List<Answer> answers, Dispatch dispatch, Cancellation cancel) {
        Set<String> offered = request.tools().stream().map(ToolSpec::name).collect(Collectors.toSet());
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            List<String> why = new ArrayList<>();
            double s = score(answers.get(i), offered, why);
            notes.add(answers.get(i).model() + " " + String.format(Locale.ROOT, "%.2f", s)
                    + (why.isEmpty() ? "" : " (" + String.join(", ", why) + ")"));
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return new Verdict(best, String.join("; ", notes));
    }

    static double score(Answer a, Set<String> offered, List<String> why) {
        var r = a.response();
        double s = 0;
        if (r.error() != null || !r.complete()) {
            why.add("incomplete");
            s -= 5;
        } else if (r.stopReason() == StopReason.END_TURN || r.stopReason() == StopReason.TOOL_USE) {
            s += 2;
        } else {
            why.add("stopped: " + r.stopReason().name().toLowerCase(Locale.ROOT));
        }
        int valid = 0;
        int invalid = 0;
        long changed = 0;
        for (ContentBlock b : r.message().content()) {
            if (b instanceof ContentBlock.ToolUse call) {
                JsonNode args = Json.tryParse(call.argumentsJson()).orElse(null);
                boolean ok = args != null && args.isObject() && (offered.isEmpty() || offered.contains(call.name()));
                if (ok) {
                    valid++;
                    if (EDITING_TOOLS.contains(call.name())) {
                        changed += call.argumentsJson().length();
                    }
                } else {
                    invalid++;
                }
            }
        }
        if (valid > 0) {
            why.add(valid + " valid tool call" + (valid == 1 ? "" : "s"));
            s += 1;
        }
        if (invalid > 0) {
            why.add(invalid + " invalid tool call" + (invalid == 1 ? "" : "s"));
            s -= 3 * invalid;
        }
        if (changed > 0) {
            // up to one point off for a change of 8 KB or more: shorter diffs first
            double penalty = Math.min(1.0, changed / 8192.0);
            why.add(changed + " bytes of edits");
            s -= penalty;
        }
        if (r.message().content().isEmpty()) {
            why.add("empty");
            s -= 2;
        }
        return s;
    }
}
