package dev.reaper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.policy.ToolKind;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolExecutorTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Approver.Request> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    /** A tool whose output is computed from its arguments, for checks that need no real tool. */
    private record FakeTool(String name, ToolKind kind, Function<JsonNode, String> body) implements Tool {
        @Override
        public String description() {
            return "fake";
        }

        @Override
        public String inputSchema() {
            return "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"additionalProperties\":false}";
        }

        @Override
        public List<String> targets(JsonNode args, ToolContext context) {
            return List.of();
        }

        @Override
        public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
            String out = body.apply(args);
            if (out.startsWith("fail:")) {
                throw new ToolFailure(out.substring(5));
            }
            return ToolOutput.ok(out);
        }
    }

    private ToolExecutor executor(PermissionMode mode, PermissionRules rules, Approver approver, Tool... extra) {
        List<Tool> tools = new ArrayList<>(BuiltinTools.all());
        tools.addAll(List.of(extra));
        Approver recording = request -> {
            asked.add(request);
            return approver.ask(request);
        };
        return new ToolExecutor(new ToolRegistry(tools), mode, rules, recording, events::add);
    }

    private ToolExecutor bypass(Tool... extra) {
        return executor(PermissionMode.BYPASS, PermissionRules.NONE, Approver.NON_INTERACTIVE, extra);
    }

    private static ContentBlock.ToolUse call(String name, String args) {
        return new ContentBlock.ToolUse("call_1", name, args);
    }

    @Test
    void runsAToolAndAnnouncesItsStartAndEndInOrder() {
        ws.write("a.txt", "hello\n");

        ContentBlock.ToolResult r = bypass().execute(call("read", "{\"path\":\"a.txt\"}"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "     1→hello\n", false));
        assertThat(events).containsExactly(
                new Event.ToolStarted("call_1", "read", "{\"path\":\"a.txt\"}"),
                new Event.ToolFinished("call_1", "read", "     1→hello\n", Event.ToolStatus.OK));
    }

    @Test
    void anUnknownToolIsAnErrorListingTheAvailableOnes() {
        ContentBlock.ToolResult r = bypass().execute(call("delete_everything", "{}"), ws.context());

        String expected = "There is no tool named 'delete_everything'. Available tools: read, write, edit, apply_patch,"
                + " glob, grep, list, bash, todo, git_status, git_diff, git_log, git_blame.";
        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", expected, true));
        assertThat(events).containsExactly(
                new Event.ToolStarted("call_1", "delete_everything", "{}"),
                new Event.ToolFinished("call_1", "delete_everything", expected, Event.ToolStatus.ERROR));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreAnError() {
        ContentBlock.ToolResult bad = bypass().execute(call("read", "{\"path\": \"a.txt\""), ws.context());
        ContentBlock.ToolResult array = bypass().execute(call("read", "[\"a.txt\"]"), ws.context());

        assertThat(bad).isEqualTo(new ContentBlock.ToolResult("call_1", "The arguments of read are not a valid JSON"
                + " object: {\"path\": \"a.txt\". Call it again with a JSON object matching its schema.", true));
        assertThat(array.isError()).isTrue();
        assertThat(array.content()).startsWith("The arguments of read are not a valid JSON object: [\"a.txt\"]");
    }

    @Test
    void schemaProblemsGoBackToTheModel() {
        ContentBlock.ToolResult r = bypass().execute(call("read", "{\"offset\":0,\"file\":\"a\"}"), ws.context());

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).isEqualTo("Invalid arguments for read: `path` is required (string: File path,"
                + " relative to the workspace root); `offset` must be at least 1; `file` is not an argument of this"
                + " tool (it takes path, offset, limit). Fix the call and try again.");
        assertThat(events.get(1)).isEqualTo(new Event.ToolFinished("call_1", "read", r.content(), Event.ToolStatus.ERROR));
    }

    @Test
    void aDenyDecisionIsADeniedResultWithANotice() {
        ToolExecutor ex = executor(PermissionMode.DEFAULT,
                PermissionRules.parse(List.of("bash"), List.of(), List.of("bash(rm:*)")), Approver.NON_INTERACTIVE);

        ContentBlock.ToolResult r = ex.execute(call("bash", "{\"command\":\"rm -rf x && touch ran\"}"), ws.context());

        String reason = "denied by the rule bash(rm:*)";
        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1",
                "Permission denied for bash: " + reason + ". Do not retry it.", true));
        assertThat(events).containsExactly(
                new Event.ToolStarted("call_1", "bash", "{\"command\":\"rm -rf x && touch ran\"}"),
                new Event.Notice(Event.NoticeKind.DENIED, "bash denied: " + reason + ". Do not retry it."),
                new Event.ToolFinished("call_1", "bash", r.content(), Event.ToolStatus.DENIED));
        assertThat(asked).isEmpty();
        assertThat(root.resolve("ran")).doesNotExist();
    }

    @Test
    void planModeDeniesEdits() {
        ToolExecutor ex = executor(PermissionMode.PLAN, PermissionRules.NONE, Approver.NON_INTERACTIVE);

        ContentBlock.ToolResult r = ex.execute(call("write", "{\"path\":\"a.txt\",\"content\":\"x\"}"), ws.context());

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("Permission denied for write: plan mode is read-only");
        assertThat(events.get(2)).isInstanceOf(Event.ToolFinished.class)
                .extracting(e -> ((Event.ToolFinished) e).status()).isEqualTo(Event.ToolStatus.DENIED);
        assertThat(root.resolve("a.txt")).doesNotExist();
    }

    @Test
    void anAskDecisionInANonInteractiveRunIsDeniedWithANotice() {
        ToolExecutor ex = executor(PermissionMode.DEFAULT, PermissionRules.NONE, Approver.NON_INTERACTIVE);

        ContentBlock.ToolResult r = ex.execute(call("bash", "{\"command\":\"touch ran\"}"), ws.context());

        String reason = Approver.NON_INTERACTIVE.ask(new Approver.Request("bash", List.of("touch ran"),
                "{\"command\":\"touch ran\"}", "running commands needs approval in default mode", List.of())).reason();
        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "Permission denied for bash: " + reason, true));
        assertThat(events).containsExactly(
                new Event.ToolStarted("call_1", "bash", "{\"command\":\"touch ran\"}"),
                new Event.Notice(Event.NoticeKind.DENIED, "bash denied: " + reason),
                new Event.ToolFinished("call_1", "bash", r.content(), Event.ToolStatus.DENIED));
        assertThat(asked).containsExactly(new Approver.Request("bash", List.of("touch ran"),
                "{\"command\":\"touch ran\"}", "running commands needs approval in default mode", List.of()));
        assertThat(root.resolve("ran")).doesNotExist();
    }

    @Test
    void anApprovedCallRuns() {
        ToolExecutor ex = executor(PermissionMode.DEFAULT, PermissionRules.NONE, request -> Approver.Answer.allow());

        ContentBlock.ToolResult r = ex.execute(call("write", "{\"path\":\"a.txt\",\"content\":\"x\"}"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "Created a.txt (1 line)", false));
        assertThat(asked).extracting(Approver.Request::targets).containsExactly(List.of("a.txt"));
        assertThat(ws.read("a.txt")).isEqualTo("x");
    }

    @Test
    void capsTheOutputAtOneHundredThousandCharactersInTheMiddle() {
        String big = "h".repeat(60_000) + "m".repeat(130_000) + "t".repeat(60_000);
        ToolExecutor ex = bypass(new FakeTool("big", ToolKind.READ, args -> big));

        ContentBlock.ToolResult r = ex.execute(call("big", "{}"), ws.context());

        String expected = "h".repeat(50_000) + "\n[... 150000 characters cut ...]\n" + "t".repeat(50_000);
        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", expected, false));
        assertThat(events.get(1)).isEqualTo(new Event.ToolFinished("call_1", "big", expected, Event.ToolStatus.OK));
    }

    @Test
    void outputAtTheCapIsKeptWhole() {
        String exact = "x".repeat(ToolExecutor.MAX_RESULT_CHARS);
        ToolExecutor ex = bypass(new FakeTool("exact", ToolKind.READ, args -> exact));

        assertThat(ex.execute(call("exact", "{}"), ws.context()).content()).isEqualTo(exact);
    }

    @Test
    void aToolFailureBecomesAnErrorResult() {
        ToolExecutor ex = bypass(new FakeTool("picky", ToolKind.READ, args -> "fail:give n a smaller value"));

        ContentBlock.ToolResult r = ex.execute(call("picky", "{\"n\":5}"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "give n a smaller value", true));
        assertThat(events.get(1)).isEqualTo(
                new Event.ToolFinished("call_1", "picky", "give n a smaller value", Event.ToolStatus.ERROR));
    }

    @Test
    void anUnexpectedExceptionBecomesAnErrorResult() {
        ToolExecutor ex = bypass(new FakeTool("broken", ToolKind.READ, args -> {
            throw new IllegalStateException("boom");
        }));

        ContentBlock.ToolResult r = ex.execute(call("broken", "{}"), ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1",
                "Internal error in broken: java.lang.IllegalStateException: boom. Try another way.", true));
    }

    @Test
    void aCancelledTurnRunsNoTool() {
        ws.cancellation().cancel();

        ContentBlock.ToolResult r = bypass().execute(call("write", "{\"path\":\"a.txt\",\"content\":\"x\"}"),
                ws.context());

        assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_1", "Not run: the user interrupted the turn.", true));
        assertThat(root.resolve("a.txt")).doesNotExist();
    }

    @Test
    void aPathOutsideTheWorkspaceIsAnErrorBeforeAnyApproval() {
        ToolExecutor ex = executor(PermissionMode.DEFAULT, PermissionRules.NONE, request -> Approver.Answer.allow());

        ContentBlock.ToolResult r = ex.execute(call("write", "{\"path\":\"../x.txt\",\"content\":\"x\"}"), ws.context());

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("is outside the workspace");
        assertThat(asked).isEmpty();
    }
}
