package dev.reaper.tui.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.theme.Role;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    static Role roleOf(String language, String line, String token) {
        return roleOf(language, List.of(line), token);
    }

    static Role roleOf(String language, List<String> lines, String token) {
        for (List<Span> l : Highlighter.highlight(language, lines, Style.of(Role.FOREGROUND))) {
            for (Span s : l) {
                if (s.text().equals(token)) {
                    return s.style().fg();
                }
            }
        }
        throw new AssertionError("no span '" + token + "' in " + Highlighter.highlight(language, lines, Style.PLAIN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "java|public static int f() { return 42; }|return|KEYWORD",
        "java|String s = \"hi\";|\"hi\"|STRING",
        "java|int x = 1; // note|// note|COMMENT",
        "java|List<String> xs = List.of();|List|TYPE",
        "python|def run(self): pass|def|KEYWORD",
        "python|x = None|None|CONSTANT",
        "py|# comment|# comment|COMMENT",
        "javascript|const x = 'a';|const|KEYWORD",
        "ts|let n: number = 3.5;|3.5|NUMBER",
        "go|func main() {}|func|KEYWORD",
        "rust|fn main() { let mut x = 0; }|mut|KEYWORD",
        "bash|echo \"$HOME\" # hi|echo|KEYWORD",
        "sql|SELECT * FROM t WHERE id = 1|SELECT|KEYWORD",
        "json|{\"a\": true}|true|CONSTANT",
    })
    void commonTokensOfCommonLanguages(String lang, String line, String token, Role role) {
        assertThat(roleOf(lang, line, token)).isEqualTo(role);
    }

    @Test
    void blockCommentsAndTripleQuotedStringsSpanLines() {
        assertThat(roleOf("java", List.of("/* start", "still comment */ int x;"), "still comment */"))
                .isEqualTo(Role.COMMENT);
        assertThat(roleOf("java", List.of("/* start", "still comment */ int x;"), "int")).isEqualTo(Role.KEYWORD);
        assertThat(roleOf("python", List.of("s = \"\"\"doc", "more doc\"\"\""), "more doc\"\"\""))
                .isEqualTo(Role.STRING);
    }

    @Test
    void diffsColourAddedAndRemovedLines() {
        List<List<Span>> d = Highlighter.highlight("diff", List.of("@@ -1 +1 @@", "-old", "+new", " same"),
                Style.of(Role.FOREGROUND));
        assertThat(d.get(0).get(0).style().fg()).isEqualTo(Role.DIFF_HUNK);
        assertThat(d.get(1).get(0).style().fg()).isEqualTo(Role.DIFF_REMOVE);
        assertThat(d.get(2).get(0).style().fg()).isEqualTo(Role.DIFF_ADD);
    }

    @Test
    void unknownLanguagesAreShownPlainAndWhole() {
        List<List<Span>> out = Highlighter.highlight("brainfuck", List.of("++[>+<-]"), Style.of(Role.CODE));
        assertThat(out.get(0).stream().map(Span::text).reduce("", String::concat)).isEqualTo("++[>+<-]");
        assertThat(Highlighter.knows("brainfuck")).isFalse();
        assertThat(Highlighter.knows("java")).isTrue();
    }
}
