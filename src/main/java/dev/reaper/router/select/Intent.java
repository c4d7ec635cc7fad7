package dev.reaper.router.select;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of task a request is, guessed from its last user message by keywords: no model call, and no
 * work proportional to the conversation (only the last message's first characters are read).
 */
public enum Intent {
    CODE, REASONING, VISION, MATH, TESTS;

    static final int SCANNED_CHARS = 2_000;

    private static final Pattern TESTS_WORDS = Pattern.compile(
            "\\b(unit ?tests?|test cases?|tests? for|write tests?|add tests?|testgen|coverage|junit|pytest|jest|property[- ]based)\\b");
    private static final Pattern MATH_WORDS = Pattern.compile(
            "\\b(prove|proof|integral|derivative|equation|theorem|probability|matrix|solve for|calculate|compute the)\\b"
                    + "|[∑∫√≤≥≠π]|\\d\\s*[-+*/^]\\s*\\d");
    private static final Pattern REASONING_WORDS = Pattern.compile(
            "\\b(why|design|architecture|trade-?offs?|plan|reason about|think through|compare|analy[sz]e|root cause|explain how)\\b");

    public static Intent of(ChatRequest request) {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() != Role.USER) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Image) {
                    return VISION;
                }
                if (b instanceof ContentBlock.Text t && text.length() < SCANNED_CHARS) {
                    text.append(t.text(), 0, Math.min(t.text().length(), SCANNED_CHARS - text.length())).append(' ');
                }
            }
            if (text.isEmpty()) {
                continue; // tool results: the task is the one asked before
            }
            return classify(text.toString());
        }
        return CODE;
    }

    static Intent classify(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (TESTS_WORDS.matcher(t).find()) {
            return TESTS;
        }
        if (MATH_WORDS.matcher(t).find()) {
            return MATH;
        }
        if (REASONING_WORDS.matcher(t).find()) {
            return REASONING;
        }
        return CODE;
    }
}
