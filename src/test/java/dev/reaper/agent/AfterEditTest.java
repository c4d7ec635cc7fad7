package dev.reaper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.AfterEdit;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AfterEdit} says of the files a call wrote is added to that call's result, and nothing else. */
class AfterEditTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final List<List<Path>> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
        ws.write("a.txt", "one\n");
    }

    private ToolExecutor executor(PermissionMode mode, Approver approver, AfterEdit afterEdit) {
        return new ToolExecutor(new ToolRegistry(BuiltinTools.all()), mode, PermissionRules.NONE, approver, e -> { },
                PermissionMemory.NONE, (files, context) -> {
                    asked.add(files);
                    return afterEdit.report(files, context);
                });
    }

    private static ContentBlock.ToolUse call(String name, Object... args) {
        return new ContentBlock.ToolUse("call_1", name, ToolWorkspace.args(args));
    }

    @Test
    void theReportOnTheWrittenFilesFollowsTheEditsOwnOutput() {
        ToolExecutor ex = executor(PermissionMode.BYPASS, Approver.NON_INTERACTIVE,
                (files, context) -> Optional.of("a.txt:1:1 error: not a number"));

        ContentBlock.ToolResult r = ex.execute(call("edit", "path", "a.txt", "old_string", "one",
                "new_string", "two"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1",
                "Edited a.txt (1 replacement)\n\na.txt:1:1 error: not a number", false));
        assertThat(asked).containsExactly(List.of(ws.root().resolve("a.txt")));
        assertThat(ws.changes()).hasSize(1);
    }

    @Test
    void anApprovedEditIsReportedOnToo() {
        ToolExecutor ex = executor(PermissionMode.DEFAULT, request -> Approver.Answer.allow(),
                (files, context) -> Optional.of("clean"));

        ContentBlock.ToolResult r = ex.execute(call("write", "path", "b.txt", "content", "new\n"), ws.context());

        assertThat(r.content()).endsWith("\n\nclean");
        assertThat(asked).containsExactly(List.of(ws.root().resolve("b.txt")));
    }

    @Test
    void callsThatWriteNothingOrFailAreNotReportedOn() {
        ToolExecutor ex = executor(PermissionMode.BYPASS, Approver.NON_INTERACTIVE,
                (files, context) -> Optional.of("should not appear"));

        ContentBlock.ToolResult read = ex.execute(call("read", "path", "a.txt"), ws.context());
        ContentBlock.ToolResult failed = ex.execute(call("edit", "path", "a.txt", "old_string", "absent",
                "new_string", "x"), ws.context());

        assertThat(read.content()).doesNotContain("should not appear");
        assertThat(failed.isError()).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void aReportThatFailsLeavesTheResultAsItWas() {
        ToolExecutor ex = executor(PermissionMode.BYPASS, Approver.NON_INTERACTIVE, (files, context) -> {
            throw new IllegalStateException("the server went away");
        });

        ContentBlock.ToolResult r = ex.execute(call("edit", "path", "a.txt", "old_string", "one",
                "new_string", "two"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "Edited a.txt (1 replacement)", false));
    }
}
