package dev.reaper.router;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import java.util.Optional;

/**
 * Which requests the semantic cache may answer: a single question (one user message of text, the
 * first of a conversation). Later turns carry files read and commands run, whose meaning no embedding
 * of the last message captures, so they are only ever answered by an exact match.
 */
final class SemanticQuestion {

    static final int MAX_CHARS = 8_000;

    private SemanticQuestion() {}

    static Optional<String> of(ChatRequest request) {
        if (request.messages().size() != 1) {
            return Optional.empty();
        }
        Message m = request.messages().get(0);
        if (m.role() != Role.USER || m.content().stream().anyMatch(b -> !(b instanceof ContentBlock.Text))) {
            return Optional.empty();
        }
        String text = m.text().strip();
        return text.isEmpty() || text.length() > MAX_CHARS ? Optional.empty() : Optional.of(text);
    }
}
