package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.StreamListener;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a judge model which answer is best, showing it the last user message and each answer (text and
 * tool calls). Falls back to the {@link RuleScorer} when the judge fails or answers out of form.
 */
public final class JudgeScorer implements Scorer {

    private static final Pattern PICK = Pattern.compile("(?i)\\bBEST:\\s*(\\d+)\\s*(.*)");
    private static final int MAX_SHOWN = 6_000;

    private final ModelRef judge;
    private final RuleScorer fallback = new RuleScorer();

    public JudgeScorer(ModelRef judge) {
        this.judge = judge;
    }

    @Override
    public Verdict pick(ChatRequest request, List<Answer> answers, Dispatch dispatch, Cancellation cancel) {
        StringBuilder prompt = new StringBuilder("Several assistants answered the same request. Pick the answer that"
                + " best does what the user asked: correct first, then complete, then concise; tool calls count"
                + " as actions. Reply with one line: BEST: <number> <one-sentence reason>.\n\n<request>\n")
                .append(clip(lastUserText(request))).append("\n</request>\n");
        for (int i = 0; i < answers.size(); i++) {
            prompt.append("\n<answer ").append(i + 1).append(">\n").append(clip(render(answers.get(i).response())))
                    .append("\n</answer ").append(i + 1).append(">\n");
        }
        ChatRequest ask = new ChatRequest("You judge answers of coding assistants.",
                List.of(Message.user(prompt.toString())), List.of(), 200, request.sessionId());
        try {
            ChatResponse r = dispatch.send(judge, ask, StreamListener.NONE, cancel);
            Matcher m = PICK.matcher(r.message().text());
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n <= answers.size()) {
                    return new Verdict(n - 1, "judged best by " + judge + ": " + m.group(2).strip());
                }
            }
            Verdict v = fallback.pick(request, answers, dispatch, cancel);
            return new Verdict(v.best(), "the judge answered out of form; by rules: " + v.reason());
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.CANCELLED) {
                throw e;
            }
            Verdict v = fallback.pick(request, answers, dispatch, cancel);
            return new Verdict(v.best(), "the judge failed (" + e.kind() + "); by rules: " + v.reason());
        } catch (dev.reaper.router.BudgetExceededException e) {
            Verdict v = fallback.pick(request, answers, dispatch, cancel);
            return new Verdict(v.best(), "no budget left for the judge; by rules: " + v.reason());
        }
    }

    static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message m = request.messages().get(i);
            if (m.role() == dev.reaper.protocol.Role.USER && !m.text().isBlank()) {
                return m.text();
            }
        }
        return "";
    }

    static String render(ChatResponse r) {
        StringBuilder sb = new StringBuilder(r.message().text());
        for (ContentBlock b : r.message().content()) {
            if (b instanceof ContentBlock.ToolUse call) {
                sb.append("\n[tool call ").append(call.name()).append(' ').append(call.argumentsJson()).append(']');
            }
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "\n[… " + (s.length() - MAX_SHOWN) + " more characters]";
    }
}
