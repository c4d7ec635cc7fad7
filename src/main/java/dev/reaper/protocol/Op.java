package dev.reaper.protocol;

import java.util.List;

/** What a front-end asks of a session. */
public sealed interface Op {

    /** A user prompt, with attachments (stdin, images, mentioned files) as extra content blocks. */
    record UserInput(String text, List<ContentBlock> attachments) implements Op {
        public UserInput {
            attachments = List.copyOf(attachments);
        }
    }

    /** Stop the running turn: the stream and the tools. The transcript stays consistent. */
    record Interrupt() implements Op {}
}
