package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-shot CLI, run in-process against the loopback fake provider. */
class OneShotTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        assertThat(fake.violations()).as("requests a real provider would reject").isEmpty();
        fake.close();
    }

    CliRun cli(String provider) {
        return new CliRun(home, work).provider(provider, fake);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "google", "ollama"})
    void printsTheAnswerOnStdoutAndNothingElse(String provider) {
        fake.conversation(Step.text("Hello from the fake."));
        CliRun.Result r = cli(provider).run("-p", "say hello", "--model", CliRun.model(provider));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hello from the fake.\n");
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "google", "ollama"})
    void renamesAFunctionInAGitRepositoryWithTools(String provider) throws IOException {
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli(provider).run("-p", "rename foo to bar in a.py", "--model", CliRun.model(provider),
                "--permission-mode", "acceptEdits");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def bar():\n    return 1\n");
        assertThat(r.out()).isEqualTo("Renamed foo to bar in a.py:1.\n");
        assertThat(r.err()).contains("● read a.py").contains("● edit a.py")
                .contains("--- a/a.py").contains("+++ b/a.py").contains("-def foo():").contains("+def bar():");
        assertThat(fake.chatRequests()).hasSize(3);
        // the model saw the file, numbered, in the second request
        assertThat(fake.chatRequests().get(1).bodyText()).contains("def foo():");
        assertThat(Peers.run(work, "git", "diff", "--stat")).contains("a.py");
    }

    @Test
    void editsAreDeniedInDefaultModeWithAMessageToTheModelAndNothingWaits() throws IOException {
        Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli("anthropic").run("-p", "rename foo to bar in a.py");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).contains("def foo()");
        String toolResult = fake.chatRequests().get(2).bodyText();
        assertThat(toolResult).contains("Permission denied for edit").contains("cannot ask the user");
        assertThat(r.err()).contains("✗ Permission denied for edit");
    }

    @Test
    void pipedStdinIsAttachedAsAStdinBlock() {
        fake.conversation(Step.text("Looks fine."));
        CliRun.Result r = cli("anthropic").stdin("diff --git a/x b/x\n+hello\n").run("-p", "review this");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode body = fake.chatRequests().get(0).json();
        JsonNode content = body.path("messages").get(0).path("content");
        assertThat(content.get(0).path("text").asText()).isEqualTo("review this");
        assertThat(content.get(1).path("text").asText()).isEqualTo("<stdin>\ndiff --git a/x b/x\n+hello\n</stdin>");
    }

    @Test
    void stdinAloneIsThePrompt() {
        fake.conversation(Step.text("4"));
        CliRun.Result r = cli("anthropic").stdin("what is 2+2?\n").run("-p");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests().get(0).json().path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("what is 2+2?");
    }

    @Test
    void jsonOutputHasClaudeCodesFields() {
        fake.conversation(Step.text("Done."));
        CliRun.Result r = cli("anthropic").run("-p", "hi", "--output-format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.parse(r.out());
        assertThat(j.path("type").asText()).isEqualTo("result");
        assertThat(j.path("subtype").asText()).isEqualTo("success");
        assertThat(j.path("is_error").asBoolean()).isFalse();
        assertThat(j.path("result").asText()).isEqualTo("Done.");
        assertThat(j.path("session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(j.path("num_turns").asInt()).isEqualTo(1);
        assertThat(j.has("duration_ms")).isTrue();
        assertThat(j.has("duration_api_ms")).isTrue();
        assertThat(j.path("total_cost_usd").asDouble()).isPositive();
        assertThat(j.path("usage").path("input_tokens").asLong()).isPositive();
        assertThat(j.path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(j.path("usage").has("cache_read_input_tokens")).isTrue();
        assertThat(j.path("usage").has("cache_creation_input_tokens")).isTrue();
        assertThat(j.path("model").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
    }

    @Test
    void streamJsonEmitsInitDeltasToolEventsAndAResult() throws IOException {
        Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli("openai").run("-p", "rename", "--model", "openai/gpt-5", "--output-format", "stream-json",
                "--permission-mode", "acceptEdits");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> events = r.out().lines().map(Json::parse).toList();
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("system");
        assertThat(events.get(0).path("subtype").asText()).isEqualTo("init");
        assertThat(events.get(0).path("tools").toString()).contains("read", "edit", "bash");
        assertThat(types).contains("text_delta", "tool_use", "tool_result", "file_change", "assistant", "request");
        assertThat(types.get(types.size() - 1)).isEqualTo("result");
        String sid = events.get(events.size() - 1).path("session_id").asText();
        assertThat(events).allSatisfy(e -> assertThat(e.path("session_id").asText()).isEqualTo(sid));
        JsonNode edit = events.stream().filter(e -> e.path("type").asText().equals("file_change")).findFirst().orElseThrow();
        assertThat(edit.path("path").asText()).isEqualTo("a.py");
        assertThat(edit.path("diff").asText()).contains("+def bar():");
        JsonNode toolUse = events.stream().filter(e -> e.path("type").asText().equals("tool_use")).findFirst().orElseThrow();
        assertThat(toolUse.path("name").asText()).isEqualTo("read");
        assertThat(toolUse.path("input").path("path").asText()).isEqualTo("a.py");
        String text = events.stream().filter(e -> e.path("type").asText().equals("text_delta"))
                .map(e -> e.path("text").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("Renamed foo to bar in a.py:1.");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli("anthropic").run("-p", "x", "--output-format", "yaml").exitCode()).isEqualTo(2);
        assertThat(cli("anthropic").run("-p", "x", "--permission-mode", "yolo").exitCode()).isEqualTo(2);
        assertThat(cli("anthropic").run("-p", "x", "--max-turns", "0").exitCode()).isEqualTo(2);
        assertThat(cli("anthropic").run("--no-such-flag").exitCode()).isEqualTo(2);
        CliRun.Result noPrompt = new CliRun(home, work).run("-p");
        assertThat(noPrompt.exitCode()).isEqualTo(2);
        assertThat(noPrompt.err()).contains("no prompt");
        CliRun.Result badResume = cli("anthropic").run("-p", "x", "-r", "0123abcd");
        assertThat(badResume.exitCode()).isEqualTo(2);
        assertThat(badResume.err()).contains("no session '0123abcd'").contains("reaper sessions list");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void missingKeyIsAConfigurationErrorThatNamesTheVariable() {
        CliRun.Result r = new CliRun(home, work).run("-p", "hi", "--model", "anthropic/claude-sonnet-4-5");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("ANTHROPIC_API_KEY");
        CliRun.Result none = new CliRun(home, work).run("-p", "hi");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("no model is configured");
    }

    @Test
    void rejectedKeyExitsThreeWithoutRetryingAndNeverShowsTheKey() {
        fake.enqueue(Step.error(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key sk-ant-test-key-000001\"}}", Map.of()));
        CliRun.Result r = cli("anthropic").run("-p", "hi");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("401").contains("authentication_error").contains("ANTHROPIC_API_KEY")
                .doesNotContain("sk-ant-test-key-000001");
        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(transcripts()).noneMatch(t -> t.contains("sk-ant-test-key-000001"));
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfterAndSucceeds() {
        fake.enqueue(Step.error(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
                Map.of("retry-after", "1")));
        fake.conversation(Step.text("ok"));
        CliRun.Result r = cli("anthropic").run("-p", "hi");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
        assertThat(r.err()).contains("retry 1 in 1000 ms");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedThenFailWithExitOne() {
        String body = "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}";
        fake.enqueue(Step.error(500, body, Map.of("retry-after-ms", "10")), Step.error(500, body, Map.of("retry-after-ms", "10")),
                Step.error(500, body, Map.of("retry-after-ms", "10")), Step.error(500, body, Map.of("retry-after-ms", "10")));
        CliRun.Result r = cli("openai").run("-p", "hi", "--model", "openai/gpt-5");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 500").contains("upstream exploded");
        assertThat(fake.chatRequests()).hasSize(4);
    }

    @Test
    void aFailingModelFallsBackToTheNextCandidate() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        Map<String, String> soon = Map.of("retry-after-ms", "5");
        fake.enqueue(Step.error(529, body, soon), Step.error(529, body, soon), Step.error(529, body, soon),
                Step.error(529, body, soon));
        fake.conversation(Step.text("from openai"));
        CliRun.Result r = cli("anthropic").provider("openai", fake)
                .run("-p", "hi", "--model", "anthropic/claude-sonnet-4-5,openai/gpt-5", "--output-format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.parse(r.out()).path("model").asText()).isEqualTo("openai/gpt-5");
        assertThat(Json.parse(r.out()).path("result").asText()).isEqualTo("from openai");
        assertThat(r.err()).contains("falling back to openai/gpt-5");
    }

    @Test
    void aMalformedStreamIsAClearFailure() {
        byte[] junk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}\n\ndata: {not json\n\n".getBytes();
        for (int i = 0; i < 4; i++) {
            fake.enqueue(new Step.Raw("text/event-stream", junk));
        }
        CliRun.Result r = cli("openai").run("-p", "hi", "--model", "openai/gpt-5");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ended the stream before the response was complete");
        assertThat(r.out()).isEqualTo("par\n");
    }

    @Test
    void aConnectionResetBeforeAnyOutputIsRetried() {
        fake.enqueue(new Step.ResetAfter(Step.text("never seen"), 100));
        fake.conversation(Step.text("second try"));
        CliRun.Result r = cli("anthropic").run("-p", "hi");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("second try\n");
        assertThat(r.err()).contains("connection failed").contains("retry 1");
    }

    @Test
    void aConnectionResetMidStreamKeepsWhatArrivedAndFails() {
        fake.enqueue(new Step.ResetAfter(Step.text("The first part of a long answer. ".repeat(10)), 700));
        CliRun.Result r = cli("anthropic").run("-p", "hi", "--output-format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = Json.parse(r.out());
        assertThat(j.path("is_error").asBoolean()).isTrue();
        assertThat(j.path("subtype").asText()).isEqualTo("error_during_execution");
        assertThat(j.path("error").asText()).contains("connection failed");
        assertThat(fake.chatRequests()).hasSize(1); // output was shown: no retry
        assertThat(transcripts().get(0)).contains("\"type\":\"turn_end\"");
    }

    @Test
    void maxTurnsExitsFive() throws IOException {
        Files.writeString(work.resolve("a.py"), "x = 1\n");
        fake.conversation(Step.call("read", "{\"path\":\"a.py\"}"));
        CliRun.Result r = cli("anthropic").run("-p", "loop", "--max-turns", "2", "--output-format", "json");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(Json.parse(r.out()).path("subtype").asText()).isEqualTo("error_max_turns");
        assertThat(r.err()).contains("--max-turns");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void budgetRefusesTheRequestThatWouldExceedItWithExitFour() throws IOException {
        Files.writeString(work.resolve("a.py"), "x = 1\n");
        fake.conversation(Step.call("read", "{\"path\":\"a.py\"}"), Step.call("read", "{\"path\":\"a.py\"}"),
                Step.text("done"));
        // each request is estimated at its prompt plus 2,000 output tokens (about $0.035 here)
        CliRun.Result r = cli("anthropic").run("-p", "go", "--max-budget-usd", "0.04");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("budget of $0.0400 reached").contains("--max-budget-usd");
        assertThat(fake.chatRequests().size()).isBetween(1, 2);
    }

    @Test
    void continueResumesTheLatestSessionOfTheWorkspace() {
        fake.conversation(Step.text("first answer"), Step.text("second answer"));
        CliRun.Result first = cli("anthropic").run("-p", "first question", "--output-format", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun.Result second = cli("anthropic").run("-p", "second question", "-c", "--output-format", "json");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(Json.parse(second.out()).path("session_id").asText())
                .isEqualTo(Json.parse(first.out()).path("session_id").asText());
        JsonNode msgs = fake.chatRequests().get(1).json().path("messages");
        assertThat(msgs).hasSize(3);
        assertThat(msgs.get(1).path("content").get(0).path("text").asText()).isEqualTo("first answer");
    }

    @Test
    void sessionsCanBeListedShownExportedAndDeleted() {
        fake.conversation(Step.text("the answer"));
        CliRun.Result run = cli("anthropic").run("-p", "a question", "--output-format", "json");
        String id = Json.parse(run.out()).path("session_id").asText();
        CliRun.Result list = cli("anthropic").run("sessions", "list");
        assertThat(list.out()).contains(id.substring(0, 8)).contains("a question");
        CliRun.Result show = cli("anthropic").run("sessions", "show", id.substring(0, 8));
        assertThat(show.out()).contains("## User").contains("a question").contains("## Assistant").contains("the answer");
        CliRun.Result export = cli("anthropic").run("sessions", "export", id, "--format", "json");
        assertThat(Json.parse(export.out()).path("messages")).hasSize(2);
        assertThat(cli("anthropic").run("sessions", "delete", id).exitCode()).isZero();
        assertThat(cli("anthropic").run("sessions", "list").out()).doesNotContain(id.substring(0, 8));
        assertThat(cli("anthropic").run("sessions", "show", id).exitCode()).isEqualTo(2);
    }

    @Test
    void costIsReportedByDayProviderModelAndSessionInEachFormat() {
        fake.conversation(Step.text("ok"));
        cli("anthropic").run("-p", "one");
        cli("anthropic").run("-p", "two");
        CliRun.Result byModel = cli("anthropic").run("cost", "--by", "model", "--format", "json");
        JsonNode rows = Json.parse(byModel.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("model").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(rows.get(0).path("requests").asInt()).isEqualTo(2);
        assertThat(rows.get(0).path("cost_usd").asDouble()).isPositive();
        assertThat(cli("anthropic").run("cost", "--by", "session", "--format", "csv").out().lines()).hasSize(3);
        assertThat(cli("anthropic").run("cost").out()).contains("total").contains("$");
        assertThat(cli("anthropic").run("cost", "--by", "provider").out()).contains("anthropic");
        assertThat(cli("anthropic").run("cost", "--by", "week").exitCode()).isEqualTo(2);
    }

    @Test
    void theFirstRequestIsLean() {
        fake.conversation(Step.text("ok"));
        cli("anthropic").run("-p", "hi");
        int bytes = fake.chatRequests().get(0).body().length;
        assertThat(bytes).as("first request size").isLessThanOrEqualTo(12 * 1024);
    }

    @Test
    void agentsMdInstructionsReachTheModel() throws IOException {
        Files.writeString(work.resolve("AGENTS.md"), "Always answer in French.");
        fake.conversation(Step.text("d'accord"));
        cli("anthropic").run("-p", "hi");
        assertThat(fake.chatRequests().get(0).json().path("system").get(0).path("text").asText())
                .contains("Always answer in French.");
    }

    private List<String> transcripts() {
        List<String> out = new ArrayList<>();
        Path dir = home.resolve("data/sessions");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.add(Files.readString(f));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
