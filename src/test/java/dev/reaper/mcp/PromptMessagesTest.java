package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A prompts/get result as the user's prompt: text in order, resources as text, images apart to attach. */
class PromptMessagesTest {

    @Test
    void everyKindOfContentHasItsPlace() {
        PromptMessages.Rendered r = PromptMessages.render(Json.parse("""
                {"messages": [
                  {"role": "user", "content": {"type": "text", "text": "Look at this:"}},
                  {"role": "user", "content": {"type": "image", "mimeType": "image/png", "data": "iVBORw0KGgo="}},
                  {"role": "user", "content": {"type": "resource", "resource": {"uri": "file:///a.txt",
                    "text": "alpha"}}},
                  {"role": "assistant", "content": {"type": "text", "text": "I see."}},
                  {"role": "user", "content": {"type": "resource_link", "uri": "file:///b.txt", "name": "b"}},
                  {"role": "user", "content": {"type": "audio", "mimeType": "audio/wav", "data": "UklGRg=="}}
                ]}
                """));

        assertThat(r).isEqualTo(new PromptMessages.Rendered("""
                Look at this:

                [image 1: image/png]

                [resource file:///a.txt]
                alpha

                (assistant) I see.

                [resource link: file:///b.txt]

                [audio: audio/wav, left out]""", List.of(new ContentBlock.Image("image/png", "iVBORw0KGgo="))));
    }
}
