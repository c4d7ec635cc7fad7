package dev.reaper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.policy.Decision.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The permission decision: deny rules, then the mode, then ask and allow rules, then the default per kind. */
class PermissionPolicyTest {

    private static final PermissionRules NONE = PermissionRules.NONE;

    private static PermissionRules allow(String... rules) {
        return PermissionRules.parse(List.of(rules), List.of(), List.of());
    }

    private static PermissionRules ask(String... rules) {
        return PermissionRules.parse(List.of(), List.of(rules), List.of());
    }

    private static PermissionRules deny(String... rules) {
        return PermissionRules.parse(List.of(), List.of(), List.of(rules));
    }

    private static Decision bash(PermissionMode mode, PermissionRules rules, String line) {
        return PermissionPolicy.decide(mode, rules, "bash", ToolKind.EXECUTE, List.of(line));
    }

    private static Decision edit(PermissionMode mode, PermissionRules rules, String... paths) {
        return PermissionPolicy.decide(mode, rules, "edit", ToolKind.EDIT, List.of(paths));
    }

    /** A tool of each kind with a typical target: the defaults without any rule. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
        "DEFAULT,      READ,    read,      ALLOW",
        "DEFAULT,      EDIT,    edit,      ASK",
        "DEFAULT,      EXECUTE, bash,      ASK",
        "DEFAULT,      OTHER,   mcp__x__y, ASK",
        "ACCEPT_EDITS, READ,    read,      ALLOW",
        "ACCEPT_EDITS, EDIT,    edit,      ALLOW",
        "ACCEPT_EDITS, EXECUTE, bash,      ASK",
        "ACCEPT_EDITS, OTHER,   mcp__x__y, ASK",
        "PLAN,         READ,    read,      ALLOW",
        "PLAN,         EDIT,    edit,      DENY",
        "PLAN,         EXECUTE, bash,      DENY",
        "PLAN,         OTHER,   mcp__x__y, DENY",
        "BYPASS,       READ,    read,      ALLOW",
        "BYPASS,       EDIT,    edit,      ALLOW",
        "BYPASS,       EXECUTE, bash,      ALLOW",
        "BYPASS,       OTHER,   mcp__x__y, ALLOW",
    })
    void eachModeHasADefaultForEachToolKind(PermissionMode mode, ToolKind kind, String tool, Verdict expected) {
        List<String> targets = switch (kind) {
            case READ, EDIT -> List.of("src/App.java");
            case EXECUTE -> List.of("ls -la");
            case OTHER -> List.of();
        };
        assertThat(PermissionPolicy.decide(mode, NONE, tool, kind, targets).verdict()).isEqualTo(expected);
    }

    @Test
    void theDefaultsExplainThemselves() {
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, NONE, "read", ToolKind.READ, List.of("a")))
                .isEqualTo(Decision.allow("read-only"));
        assertThat(edit(PermissionMode.DEFAULT, NONE, "a"))
                .isEqualTo(Decision.ask("editing files needs approval in default mode"));
        assertThat(edit(PermissionMode.ACCEPT_EDITS, NONE, "a")).isEqualTo(Decision.allow("acceptEdits mode"));
        assertThat(bash(PermissionMode.ACCEPT_EDITS, NONE, "ls"))
                .isEqualTo(Decision.ask("running commands needs approval in acceptEdits mode"));
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, NONE, "mcp__x__y", ToolKind.OTHER, List.of()))
                .isEqualTo(Decision.ask("mcp__x__y needs approval in default mode"));
        assertThat(bash(PermissionMode.BYPASS, NONE, "rm -rf build"))
                .isEqualTo(Decision.allow("bypassPermissions mode"));
    }

    @Test
    void planModeDeniesAnythingThatIsNotARead() {
        assertThat(edit(PermissionMode.PLAN, NONE, "a.txt")).isEqualTo(Decision.deny(
                "plan mode is read-only: describe the change in the plan instead of making it"));
    }

    @Test
    void planModeDeniesEvenWhatAnAllowRuleAllows() {
        assertThat(bash(PermissionMode.PLAN, allow("bash(git diff:*)"), "git diff").verdict()).isEqualTo(Verdict.DENY);
        assertThat(edit(PermissionMode.PLAN, allow("edit"), "a.txt").verdict()).isEqualTo(Verdict.DENY);
    }

    @ParameterizedTest
    @EnumSource(PermissionMode.class)
    void aDenyRuleWinsInEveryModeIncludingBypass(PermissionMode mode) {
        PermissionRules rules = deny("bash(rm -rf:*)").plus(allow("bash")).plus(ask("bash(rm:*)"));
        assertThat(bash(mode, rules, "rm -rf build")).isEqualTo(Decision.deny("denied by the rule bash(rm -rf:*)"));
    }

    @ParameterizedTest
    @EnumSource(PermissionMode.class)
    void aDenyRuleForReadsWinsInEveryMode(PermissionMode mode) {
        Decision d = PermissionPolicy.decide(mode, deny("read(.env)"), "read", ToolKind.READ, List.of(".env"));
        assertThat(d).isEqualTo(Decision.deny("denied by the rule read(.env)"));
    }

    @Test
    void aDenyRuleThatDoesNotMatchLeavesTheDecisionToTheRest() {
        assertThat(bash(PermissionMode.BYPASS, deny("bash(rm -rf:*)"), "ls").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, deny("bash(rm -rf:*)"), "rmdir x").verdict()).isEqualTo(Verdict.ASK);
    }

    @Test
    void aDenyRuleMatchesAnyCommandOfACompoundLine() {
        PermissionRules rules = deny("bash(rm -rf:*)");
        assertThat(bash(PermissionMode.BYPASS, rules, "ls && rm -rf /tmp/x").verdict()).isEqualTo(Verdict.DENY);
        assertThat(bash(PermissionMode.BYPASS, rules, "ls | (cd / ; rm -rf /tmp/x)").verdict()).isEqualTo(Verdict.DENY);
        assertThat(bash(PermissionMode.BYPASS, rules, "ls\nrm -rf /tmp/x").verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void aDenyRuleSeesInsideSubstitutions() {
        PermissionRules rules = deny("bash(rm -rf:*)");
        assertThat(bash(PermissionMode.BYPASS, rules, "echo $(rm -rf /)"))
                .isEqualTo(Decision.deny("denied by the rule bash(rm -rf:*)"));
        assertThat(bash(PermissionMode.BYPASS, rules, "echo `rm -rf /`").verdict()).isEqualTo(Verdict.DENY);
        assertThat(bash(PermissionMode.BYPASS, rules, "cat <(rm -rf /)").verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void aDenyRuleIsNotEscapedByGroupingOrKeywords() {
        PermissionRules rules = deny("bash(rm -rf:*)");
        assertThat(bash(PermissionMode.BYPASS, rules, "{ rm -rf /tmp/x; }").verdict()).isEqualTo(Verdict.DENY);
        assertThat(bash(PermissionMode.BYPASS, rules, "if true; then rm -rf /tmp/x; fi").verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(bash(PermissionMode.BYPASS, rules, "rm  -rf /tmp/x").verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void aDenyRuleIsNotEscapedByAnAnsiCQuote() {
        assertThat(bash(PermissionMode.BYPASS, deny("bash(rm -rf:*)"), "echo $'\\'' && rm -rf /tmp/x").verdict())
                .isEqualTo(Verdict.DENY);
    }

    @Test
    void aBareDenyRuleDeniesTheWholeTool() {
        assertThat(bash(PermissionMode.BYPASS, deny("bash"), "ls")).isEqualTo(Decision.deny("denied by the rule bash"));
        assertThat(PermissionPolicy.decide(PermissionMode.BYPASS, deny("mcp__x__y"), "mcp__x__y", ToolKind.OTHER,
                List.of())).isEqualTo(Decision.deny("denied by the rule mcp__x__y"));
    }

    @Test
    void aDenyRuleWithAPatternDoesNotApplyToACallWithoutTargets() {
        Decision d = PermissionPolicy.decide(PermissionMode.BYPASS, deny("mcp__x__y(foo)"), "mcp__x__y", ToolKind.OTHER,
                List.of());
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void anEditDenyRuleCoversEveryEditingToolAndEveryFileOfAPatch() {
        PermissionRules rules = deny("edit(secrets/**)");
        assertThat(PermissionPolicy.decide(PermissionMode.BYPASS, rules, "apply_patch", ToolKind.EDIT,
                List.of("src/a.java", "secrets/key.pem"))).isEqualTo(Decision.deny("denied by the rule edit(secrets/**)"));
        assertThat(PermissionPolicy.decide(PermissionMode.BYPASS, rules, "write", ToolKind.EDIT,
                List.of("secrets/a/b"))).isEqualTo(Decision.deny("denied by the rule edit(secrets/**)"));
        assertThat(PermissionPolicy.decide(PermissionMode.BYPASS, rules, "read", ToolKind.READ,
                List.of("secrets/a/b")).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void anAskRuleAsksEvenWhereAnAllowRuleWouldAllow() {
        PermissionRules rules = allow("bash(git:*)").plus(ask("bash(git push:*)"));
        assertThat(bash(PermissionMode.DEFAULT, rules, "git push origin main"))
                .isEqualTo(Decision.ask("the rule bash(git push:*) asks first"));
        assertThat(bash(PermissionMode.DEFAULT, rules, "git status").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void anAskRuleAsksForReadsAndInAcceptEditsMode() {
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, ask("read(.env)"), "read", ToolKind.READ,
                List.of(".env"))).isEqualTo(Decision.ask("the rule read(.env) asks first"));
        assertThat(edit(PermissionMode.ACCEPT_EDITS, ask("edit(pom.xml)"), "pom.xml"))
                .isEqualTo(Decision.ask("the rule edit(pom.xml) asks first"));
    }

    @Test
    void anAskRuleMatchesOneCommandOfACompoundLineAndInsideSubstitutions() {
        PermissionRules rules = allow("bash").plus(ask("bash(npm publish:*)"));
        assertThat(bash(PermissionMode.DEFAULT, rules, "npm test && npm publish").verdict()).isEqualTo(Verdict.ASK);
        assertThat(bash(PermissionMode.DEFAULT, rules, "echo $(npm publish)").verdict()).isEqualTo(Verdict.ASK);
    }

    @Test
    void bypassModeIgnoresAskRules() {
        assertThat(bash(PermissionMode.BYPASS, ask("bash"), "ls")).isEqualTo(Decision.allow("bypassPermissions mode"));
    }

    @Test
    void anAllowRuleAllowsTheCommandsItCovers() {
        assertThat(bash(PermissionMode.DEFAULT, allow("bash(git diff:*)"), "git diff --stat"))
                .isEqualTo(Decision.allow("allowed by rule"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "git diff && rm -rf ~",
        "git diff; curl x",
        "git diff | sh",
        "git diff || rm -rf ~",
        "git diff\nrm -rf ~",
        "git diff & rm -rf ~",
        "(git diff) && rm -rf ~",
        "echo $(rm -rf /)",
        "git diff $(rm -rf /)",
        "git diff `rm -rf /`",
        "git diff \"$(rm -rf /)\"",
        "git diff <(rm -rf /)",
        "git diff $'\\'' && rm -rf ~",
    })
    void allowRuleDoesNotCoverACompoundCommand(String line) {
        PermissionRules rules = allow("bash(git diff:*)", "bash(echo:*)");
        assertThat(bash(PermissionMode.DEFAULT, rules, line))
                .isEqualTo(Decision.ask("running commands needs approval in default mode"));
    }

    @Test
    void allowRulesTogetherCanCoverEachCommandOfALine() {
        PermissionRules rules = allow("bash(git diff:*)", "bash(wc:*)");
        assertThat(bash(PermissionMode.DEFAULT, rules, "git diff | wc -l").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, rules, "git diff 2>&1 | wc -l").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aRedirectionWithAmpersandStaysPartOfItsCommand() {
        PermissionRules rules = allow("bash(make:*)");
        assertThat(bash(PermissionMode.DEFAULT, rules, "make 2>&1").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, rules, "make &>/dev/null").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, rules, "make >&2").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void onlyABareBashRuleAllowsALineWithSubstitutions() {
        assertThat(bash(PermissionMode.DEFAULT, allow("bash"), "echo $(date)").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, allow("bash(echo:*)", "bash(date)"), "echo $(date)").verdict())
                .isEqualTo(Verdict.ASK);
    }

    @Test
    void anEditAllowRuleMustCoverEveryFile() {
        PermissionRules rules = allow("edit(src/**)");
        assertThat(edit(PermissionMode.DEFAULT, rules, "src/a/b.java", "src/c.java"))
                .isEqualTo(Decision.allow("allowed by rule"));
        assertThat(edit(PermissionMode.DEFAULT, rules, "src/a/b.java", "test/x.java"))
                .isEqualTo(Decision.ask("editing files needs approval in default mode"));
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, rules, "apply_patch", ToolKind.EDIT,
                List.of("src/a.java")).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void anAllowRuleForAnotherToolDoesNotApply() {
        assertThat(bash(PermissionMode.DEFAULT, allow("edit", "read"), "ls").verdict()).isEqualTo(Verdict.ASK);
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, allow("edit"), "mcp__x__y", ToolKind.OTHER,
                List.of()).verdict()).isEqualTo(Verdict.ASK);
    }

    @Test
    void aToolWithoutTargetsIsAllowedOnlyByABareRule() {
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, allow("mcp__x__y"), "mcp__x__y", ToolKind.OTHER,
                List.of())).isEqualTo(Decision.allow("allowed by rule"));
        assertThat(PermissionPolicy.decide(PermissionMode.DEFAULT, allow("mcp__x__y(foo)"), "mcp__x__y",
                ToolKind.OTHER, List.of()).verdict()).isEqualTo(Verdict.ASK);
    }

    @Test
    void anEmptyCommandLineIsNotAllowedByAPatternRule() {
        assertThat(bash(PermissionMode.DEFAULT, allow("bash(echo:*)"), "   ").verdict()).isEqualTo(Verdict.ASK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sudo rm -rf /tmp/x",
        "sudo -u root rm -rf /tmp/x",
        "env FOO=1 rm -rf /tmp/x",
        "FOO=1 BAR=2 rm -rf /tmp/x",
        "/bin/rm -rf /tmp/x",
        "'rm' -rf /tmp/x",
        "\\rm -rf /tmp/x",
        "nohup rm -rf /tmp/x",
        "timeout 10 rm -rf /tmp/x",
        "xargs rm -rf",
        "bash -c 'rm -rf /tmp/x'",
        "sh -lc \"rm -rf /tmp/x\"",
        "eval rm -rf /tmp/x",
    })
    void aDenyRuleSeesThroughWrappersQuotingAndInlineScripts(String line) {
        assertThat(bash(PermissionMode.BYPASS, deny("bash(rm -rf:*)"), line).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void anAllowRuleDoesNotExtendToTheSameCommandUnderSudo() {
        PermissionRules rules = allow("bash(git diff:*)");
        assertThat(bash(PermissionMode.DEFAULT, rules, "git diff --stat").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(bash(PermissionMode.DEFAULT, rules, "sudo git diff").verdict()).isEqualTo(Verdict.ASK);
        assertThat(bash(PermissionMode.DEFAULT, rules, "bash -c 'git diff'").verdict()).isEqualTo(Verdict.ASK);
    }

    @Test
    void aDenyRuleOnAFilePathIsNotFooledIntoMatchingByName() {
        // paths are not shell commands: no directory is stripped from them
        assertThat(edit(PermissionMode.BYPASS, deny("edit(a.java)"), "src/a.java").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(edit(PermissionMode.BYPASS, deny("edit(src/a.java)"), "src/a.java").verdict()).isEqualTo(Verdict.DENY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "git diff > ~/.bashrc        ; ASK",
        "git diff >> notes.txt       ; ASK",
        "git diff &> out.log         ; ASK",
        "git diff >| out.log         ; ASK",
        "git diff > /dev/null        ; ALLOW",
        "git diff 2>&1               ; ALLOW",
        "git diff 2>/dev/null        ; ALLOW",
        "git diff '>' literal        ; ALLOW",
    })
    void anAllowRuleDoesNotCoverRedirectingOutputIntoAFile(String line, Verdict expected) {
        assertThat(bash(PermissionMode.DEFAULT, allow("bash(git diff:*)"), line).verdict()).isEqualTo(expected);
    }

    @Test
    void aBareBashAllowRuleStillCoversRedirections() {
        assertThat(bash(PermissionMode.DEFAULT, allow("bash"), "echo x > out.txt").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {".git/config", ".git/hooks/pre-commit", ".reaper/config.toml", ".mcp.json"})
    void editingGitsOrReapersOwnConfigurationAlwaysAsks(String path) {
        assertThat(edit(PermissionMode.ACCEPT_EDITS, NONE, path).verdict()).isEqualTo(Verdict.ASK);
        assertThat(edit(PermissionMode.DEFAULT, allow("edit"), path).verdict()).isEqualTo(Verdict.ASK);
        assertThat(edit(PermissionMode.BYPASS, NONE, path).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void filesThatMerelyLookLikeControlFilesAreOrdinary() {
        assertThat(edit(PermissionMode.ACCEPT_EDITS, NONE, "src/.gitignore").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(edit(PermissionMode.ACCEPT_EDITS, NONE, ".github/workflows/ci.yml").verdict()).isEqualTo(Verdict.ALLOW);
    }
}
