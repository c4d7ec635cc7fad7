package dev.reaper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a shell line into the simple commands it runs, so rules can judge each one. */
class ShellCommandsTest {

    @Test
    void aSingleCommandIsOnePart() {
        assertThat(ShellCommands.split("git diff --stat")).containsExactly("git diff --stat");
    }

    @Test
    void splitsOnAndOrPipeSemicolonAndNewline() {
        assertThat(ShellCommands.split("git diff && rm -rf ~")).containsExactly("git diff", "rm -rf ~");
        assertThat(ShellCommands.split("test -f x || touch x")).containsExactly("test -f x", "touch x");
        assertThat(ShellCommands.split("ls | grep a|wc -l")).containsExactly("ls", "grep a", "wc -l");
        assertThat(ShellCommands.split("git diff; curl x;")).containsExactly("git diff", "curl x");
        assertThat(ShellCommands.split("cd src\nmake\n")).containsExactly("cd src", "make");
    }

    @Test
    void aBackgroundAmpersandSeparatesCommands() {
        assertThat(ShellCommands.split("sleep 1 & rm x")).containsExactly("sleep 1", "rm x");
    }

    @Test
    void redirectionsWithAmpersandDoNotSplit() {
        assertThat(ShellCommands.split("make 2>&1 | tee log")).containsExactly("make 2>&1", "tee log");
        assertThat(ShellCommands.split("make &> log && ls")).containsExactly("make &> log", "ls");
        assertThat(ShellCommands.split("echo oops >&2")).containsExactly("echo oops >&2");
        assertThat(ShellCommands.split("read x <&3")).containsExactly("read x <&3");
    }

    @Test
    void operatorsInsideQuotesDoNotSplit() {
        assertThat(ShellCommands.split("echo \"a && b | c; d\"")).containsExactly("echo \"a && b | c; d\"");
        assertThat(ShellCommands.split("echo 'a && b' && ls")).containsExactly("echo 'a && b'", "ls");
        assertThat(ShellCommands.split("git commit -m 'line one\nline two'"))
                .containsExactly("git commit -m 'line one\nline two'");
    }

    @Test
    void anEscapedQuoteInsideDoubleQuotesDoesNotCloseThem() {
        assertThat(ShellCommands.split("echo \"say \\\"hi; there\\\"\" && ls"))
                .containsExactly("echo \"say \\\"hi; there\\\"\"", "ls");
    }

    @Test
    void escapedOperatorsOutsideQuotesDoNotSplit() {
        assertThat(ShellCommands.split("find . -exec rm {} \\; && ls")).containsExactly("find . -exec rm {} \\;", "ls");
        assertThat(ShellCommands.split("echo a\\|b")).containsExactly("echo a\\|b");
    }

    @Test
    void anAnsiCQuotedStringCanContainAnEscapedQuote() {
        // $'\'' is one quote character: the && after it is a real operator.
        assertThat(ShellCommands.split("echo $'\\'' && rm -rf ~")).containsExactly("echo $'\\''", "rm -rf ~");
        // In a plain single-quoted string a backslash escapes nothing.
        assertThat(ShellCommands.split("echo 'a\\' && rm -rf ~")).containsExactly("echo 'a\\'", "rm -rf ~");
        // An escaped dollar does not start an ANSI-C string.
        assertThat(ShellCommands.split("echo \\$'a\\' && rm -rf ~")).containsExactly("echo \\$'a\\'", "rm -rf ~");
    }

    @Test
    void subshellParenthesesSeparateTheCommandsInside() {
        assertThat(ShellCommands.split("(cd src && make) || echo failed"))
                .containsExactly("cd src", "make", "echo failed");
    }

    @Test
    void groupingAndControlKeywordsAreNotPartOfTheCommand() {
        assertThat(ShellCommands.split("{ rm -rf /tmp/x; }")).containsExactly("rm -rf /tmp/x");
        assertThat(ShellCommands.split("if git diff --quiet; then rm -rf build; else make; fi"))
                .containsExactly("git diff --quiet", "rm -rf build", "make");
        assertThat(ShellCommands.split("while true; do rm -rf x; done")).containsExactly("true", "rm -rf x");
        assertThat(ShellCommands.split("! grep -q x f")).containsExactly("grep -q x f");
        assertThat(ShellCommands.split("time make")).containsExactly("make");
    }

    @Test
    void wordsThatOnlyStartLikeKeywordsAreKept() {
        assertThat(ShellCommands.split("done.sh && iffy {a,b} && echo done"))
                .containsExactly("done.sh", "iffy {a,b}", "echo done");
    }

    @Test
    void commandSubstitutionMakesTheLineOpaque() {
        assertThat(ShellCommands.split("echo $(rm -rf /)")).isEmpty();
        assertThat(ShellCommands.split("echo \"$(whoami)\"")).isEmpty();
        assertThat(ShellCommands.split("echo $((1 + 2))")).isEmpty();
    }

    @Test
    void backticksMakeTheLineOpaque() {
        assertThat(ShellCommands.split("echo `rm -rf /`")).isEmpty();
        assertThat(ShellCommands.split("echo \"`id`\"")).isEmpty();
    }

    @Test
    void processSubstitutionMakesTheLineOpaque() {
        assertThat(ShellCommands.split("diff <(ls a) <(ls b)")).isEmpty();
        assertThat(ShellCommands.split("tee >(gzip > x.gz)")).isEmpty();
    }

    @Test
    void substitutionSyntaxInsideSingleQuotesIsLiteral() {
        assertThat(ShellCommands.split("echo '$(rm -rf /)' '`id`' '<(x)'"))
                .containsExactly("echo '$(rm -rf /)' '`id`' '<(x)'");
    }

    @Test
    void aBlankLineHasNoCommands() {
        assertThat(ShellCommands.split("  ")).isEqualTo(List.of());
    }
}
