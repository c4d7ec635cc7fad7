package dev.reaper.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.tui.SnapshotTestTexts;
import dev.reaper.tui.markdown.MarkdownRenderer;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.text.StyledLine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChatRendererTest {

    static List<String> texts() {
        return SnapshotTestTexts.MARKDOWN;
    }

    /** Lays the answer out after every piece, as frames do while it streams, and at the end as a whole. */
    @ParameterizedTest
    @MethodSource("texts")
    void aStreamedAnswerIsLaidOutAsTheWholeAnswerIs(String text) {
        for (int piece : new int[] {1, 3, 7, 40}) {
            ChatEntry.Assistant streamed = new ChatEntry.Assistant();
            for (int i = 0; i < text.length(); i += piece) {
                streamed.append(text.substring(i, Math.min(text.length(), i + piece)));
                List<StyledLine> during = ChatRenderer.lines(streamed, 70, false);
                assertThat(during).isEqualTo(whole(streamed.text.toString()));
            }
            streamed.streaming = false;
            streamed.touch();
            assertThat(ChatRenderer.lines(streamed, 70, false)).isEqualTo(whole(text));
        }
    }

    @ParameterizedTest
    @MethodSource("texts")
    void theStableBoundaryIsNeverInsideACodeBlock(String text) {
        int cut = MarkdownRenderer.stableBoundary(text);
        String before = text.substring(0, cut);
        long fences = before.lines().filter(l -> l.strip().startsWith("```")).count();
        assertThat(fences % 2).isZero();
        assertThat(cut == 0 || before.endsWith("\n")).isTrue();
    }

    static List<StyledLine> whole(String text) {
        ChatEntry.Assistant a = new ChatEntry.Assistant();
        a.append(text);
        a.streaming = false;
        return ChatRenderer.lines(a, 70, false);
    }
}
