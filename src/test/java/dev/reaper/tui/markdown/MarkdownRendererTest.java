package dev.reaper.tui.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    static List<StyledLine> render(String md, int width) {
        return MarkdownRenderer.render(md, width, Style.of(Role.ASSISTANT));
    }

    static List<String> text(List<StyledLine> lines) {
        return lines.stream().map(StyledLine::text).toList();
    }

    static Optional<Span> span(List<StyledLine> lines, String text) {
        return lines.stream().flatMap(l -> l.spans().stream()).filter(s -> s.text().contains(text)).findFirst();
    }

    @Test
    void headingsEmphasisAndCodeSpansAreStyledAndTheirMarkersDropped() {
        List<StyledLine> out = render("# Title\n\nSome **bold**, *italic* and `code`.", 80);
        assertThat(text(out)).containsExactly("Title", "", "Some bold, italic and code.");
        assertThat(span(out, "Title").orElseThrow().style().bold()).isTrue();
        assertThat(span(out, "bold").orElseThrow().style().bold()).isTrue();
        assertThat(span(out, "italic").orElseThrow().style().italic()).isTrue();
        assertThat(span(out, "code").orElseThrow().style().fg()).isEqualTo(Role.CODE);
    }

    @Test
    void linksShowTheirTargetAndListsKeepTheirMarkers() {
        List<StyledLine> out = render("See [docs](https://x.dev).\n\n- one\n- two\n  - nested\n1. first", 80);
        assertThat(text(out)).contains("See docs (https://x.dev).", "• one", "• two", "1. first");
        assertThat(text(out).stream().filter(l -> l.contains("nested")).findFirst().orElseThrow())
                .startsWith("  ");
        assertThat(span(out, "docs").orElseThrow().style().underline()).isTrue();
    }

    @Test
    void paragraphsWrapAtTheWidthOnWordBoundaries() {
        List<StyledLine> out = render("alpha beta gamma delta epsilon zeta eta theta", 20);
        assertThat(out).allSatisfy(l -> assertThat(l.width()).isLessThanOrEqualTo(20));
        assertThat(String.join(" ", text(out).stream().map(String::strip).toList()))
                .isEqualTo("alpha beta gamma delta epsilon zeta eta theta");
    }

    @Test
    void codeBlocksAreHighlightedAndKeptVerbatim() {
        List<StyledLine> out = render("```python\ndef f(x):  # double it\n    return x * 2\n```", 80);
        assertThat(text(out)).anySatisfy(l -> assertThat(l).contains("def f(x):  # double it"));
        assertThat(span(out, "def").orElseThrow().style().fg()).isEqualTo(Role.KEYWORD);
        assertThat(span(out, "# double it").orElseThrow().style().fg()).isEqualTo(Role.COMMENT);
        assertThat(MarkdownRenderer.codeBlocks("a\n```js\nlet x = 1;\n```\nb\n```\ntwo\n```"))
                .containsExactly("let x = 1;\n", "two\n");
    }

    @Test
    void anUnclosedCodeBlockWhileStreamingStillRendersAsCode() {
        List<StyledLine> out = render("Here:\n```java\nint x = 1;", 80);
        assertThat(span(out, "int").orElseThrow().style().fg()).isEqualTo(Role.KEYWORD);
    }

    @Test
    void tablesAreBoxedAndAligned() {
        List<StyledLine> out = render("| a | bb |\n|:-:|---:|\n| 1 | 2 |\n| 333 | 4 |", 80);
        assertThat(text(out)).containsExactly(
                "┌─────┬────┐",
                "│  a  │ bb │",
                "├─────┼────┤",
                "│  1  │  2 │",
                "│ 333 │  4 │",
                "└─────┴────┘");
    }

    @Test
    void aTableTooWideForTheScreenFallsBackToRows() {
        List<StyledLine> out = render("| name | description |\n|---|---|\n| x | a very long description indeed |", 20);
        assertThat(out).allSatisfy(l -> assertThat(l.width()).isLessThanOrEqualTo(20));
        assertThat(String.join(" ", text(out))).contains("name").contains("description");
    }

    @Test
    void quotesAndRulesAreMarked() {
        List<StyledLine> out = render("> quoted text\n\n---\n\nafter", 40);
        assertThat(text(out).get(0)).startsWith("│ ").contains("quoted text");
        assertThat(text(out)).anySatisfy(l -> assertThat(l).matches("─+"));
    }

    @Test
    void controlCharactersFromTheModelNeverReachTheTerminal() {
        List<StyledLine> out = render("evil \u001b[2J\u0007 text", 80);
        assertThat(String.join("", text(out))).doesNotContain("\u001b").doesNotContain("\u0007").contains("text");
    }
}
