package dev.reaper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.app.Reaper;
import dev.reaper.app.SessionLauncher;
import dev.reaper.app.SessionOptions;
import dev.reaper.config.Env;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.protocol.PlanItem;
import dev.reaper.router.ModelRef;
import dev.reaper.store.ProjectApprovals;
import dev.reaper.store.SessionStore;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import dev.reaper.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undo, compaction, the plan, comparing models, remembered approvals and the repo map in the system prompt,
 * on a real session.
 */
class SessionFeaturesTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    Reaper app;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        assertThat(fake.violations()).isEmpty();
        if (app != null) {
            app.close();
        }
        fake.close();
    }

    Session open(PermissionMode mode, Approver approver) {
        Map<String, String> env = new HashMap<>();
        env.put("REAPER_HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", fake.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-feature-test-01");
        env.put("OPENAI_BASE_URL", fake.baseUrl() + "/v1");
        env.put("OPENAI_API_KEY", "sk-openai-feature-test-0001");
        app = Reaper.boot(new Env(env), work, Clock.systemUTC());
        return new SessionLauncher(app).open(new SessionOptions(Optional.empty(), Optional.of(mode), OptionalInt.empty(),
                OptionalDouble.empty(), false, Optional.empty(), approver, events::add)).session();
    }

    Outcome run(Session s, String prompt) {
        return s.run(new Op.UserInput(prompt, List.of()), new Cancellation());
    }

    @Test
    void theSystemPromptSummarisesTheGitStateOfTheWorkspace() {
        TestRepo repo = TestRepo.init(work).write("a.txt", "a\n");
        repo.commitAll("init");
        repo.write("b.txt", "untracked\n");

        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);

        assertThat(s.requestFor("hi").system())
                .contains("- Git repository: yes, on branch main; 0 staged, 0 unstaged, 1 untracked.");
    }

    @Test
    void undoRestoresTheFilesOfTheLastPromptAndRewindsTheConversation() throws IOException {
        Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        Session s = open(PermissionMode.ACCEPT_EDITS, Approver.NON_INTERACTIVE);
        assertThat(run(s, "rename").status()).isEqualTo(Outcome.Status.SUCCESS);
        assertThat(Files.readString(work.resolve("a.py"))).startsWith("def bar");
        assertThat(s.history()).hasSize(6);

        assertThat(s.undo()).hasValueSatisfying(d -> assertThat(d).contains("1 file restored").contains("6 messages"));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def foo():\n    return 1\n");
        assertThat(s.history()).isEmpty();
        assertThat(s.undo()).isEmpty();
        assertThat(new SessionStore(home.resolve("data/sessions"), Clock.systemUTC()).load(s.id()).messages()).isEmpty();
    }

    @Test
    void undoRemovesAFileThePromptCreated() throws IOException {
        fake.conversation(Step.call("write", "{\"path\":\"new.txt\",\"content\":\"hi\\n\"}"), Step.text("made it"));
        Session s = open(PermissionMode.ACCEPT_EDITS, Approver.NON_INTERACTIVE);
        run(s, "make a file");
        assertThat(work.resolve("new.txt")).exists();
        s.undo();
        assertThat(work.resolve("new.txt")).doesNotExist();
    }

    @Test
    void compactReplacesTheConversationWithASummary() {
        fake.conversation(Step.text("first answer"), Step.text("second answer"), Step.text("the summary of it all"));
        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);
        run(s, "first");
        run(s, "second");
        assertThat(s.compact(new Cancellation())).isEqualTo("compacted 4 messages into a summary");
        assertThat(s.history()).extracting(Message::text).containsExactly(
                "[The earlier part of this conversation was compacted. Summary:]\n\nthe summary of it all",
                "Understood: I will continue from this summary.");
        String summaryRequest = fake.chatRequests().get(2).bodyText();
        assertThat(summaryRequest).contains("Summarise the conversation so far");
        assertThat(new SessionStore(home.resolve("data/sessions"), Clock.systemUTC()).load(s.id()).messages())
                .extracting(Message::text).containsExactlyElementsOf(s.history().stream().map(Message::text).toList());
    }

    @Test
    void aConversationNearTheContextWindowIsCompactedBeforeTheNextRequest() throws IOException {
        Files.writeString(home.resolve("config.toml"), """
                [models."anthropic/claude-sonnet-4-5"]
                context_window = 3000
                """);
        Files.writeString(work.resolve("big.txt"), "some words in a line\n".repeat(300));
        fake.conversation(Step.call("read", "{\"path\":\"big.txt\"}"), Step.text("read it"), Step.text("SUMMARY"),
                Step.text("after compaction"));
        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);
        run(s, "read big.txt");
        Outcome o = run(s, "and now?");
        assertThat(o.status()).isEqualTo(Outcome.Status.SUCCESS);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Notice.class,
                n -> assertThat(n.message()).contains("compacted into a summary")));
        String last = fake.chatRequests().get(fake.chatRequests().size() - 1).bodyText();
        assertThat(last).contains("SUMMARY").contains("and now?").doesNotContain("some words in a line");
    }

    @Test
    void theTodoToolUpdatesThePlan() {
        fake.conversation(Step.call("todo", "{\"todos\":[{\"content\":\"read\",\"status\":\"completed\"},"
                + "{\"content\":\"edit\",\"status\":\"in_progress\"}]}"), Step.text("working on it"));
        Session s = open(PermissionMode.PLAN, Approver.NON_INTERACTIVE);
        run(s, "plan it");
        assertThat(events).contains(new Event.PlanUpdated(List.of(new PlanItem("read", PlanItem.Status.COMPLETED),
                new PlanItem("edit", PlanItem.Status.IN_PROGRESS))));
    }

    @Test
    void comparingModelsStreamsEachAnswerAndTheChosenOneContinues() {
        fake.conversation(Step.text("the same answer from both"));
        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);
        List<ModelRef> models = List.of(ModelRef.parse("anthropic/claude-sonnet-4-5"), ModelRef.parse("openai/gpt-5"));
        Map<Integer, StringBuilder> streamed = new HashMap<>();
        List<Comparison.Result> results = Comparison.run(app.router(), models, s.requestFor("which is best?"),
                s.budget(), app.ledger(), s.id(), s.workspaceRoot(), events::add, new Cancellation(),
                new Comparison.Listener() {
                    @Override
                    public synchronized void delta(int index, String text) {
                        streamed.computeIfAbsent(index, i -> new StringBuilder()).append(text);
                    }

                    @Override
                    public void finished(int index, Comparison.Result result) {
                    }
                });
        assertThat(results).extracting(Comparison.Result::text).containsOnly("the same answer from both");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.costUsd()).isPositive();
            assertThat(r.durationMs()).isNotNegative();
        });
        assertThat(streamed.get(1)).hasToString("the same answer from both");
        assertThat(fake.chatRequests()).extracting(FakeProvider.Recorded::path)
                .containsExactlyInAnyOrder("/v1/messages", "/v1/chat/completions");

        s.adopt("which is best?", results.get(1).text(), results.get(1).model());
        assertThat(s.models().get(0)).isEqualTo(ModelRef.parse("openai/gpt-5"));
        assertThat(s.history()).extracting(Message::text).containsExactly("which is best?", "the same answer from both");
    }

    @Test
    void anAlwaysAnswerIsRememberedForTheProjectAndNotAskedAgain() {
        fake.conversation(Step.call("bash", "{\"command\":\"echo one\"}"), Step.call("bash", "{\"command\":\"echo one\"}"),
                Step.text("done"));
        List<Approver.Request> asked = new ArrayList<>();
        Session s = open(PermissionMode.DEFAULT, request -> {
            asked.add(request);
            return Approver.Answer.allowAlways();
        });
        run(s, "echo twice");
        assertThat(asked).hasSize(1);
        assertThat(new ProjectApprovals(home.resolve("state"), work.toAbsolutePath().normalize()).rules())
                .containsExactly("bash(echo one)");
    }

    @Test
    void anEditApprovedHunkByHunkWritesOnlyTheKeptHunks() throws IOException {
        Files.writeString(work.resolve("a.txt"), "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n");
        String patch = "*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+ONE\n two\n@@\n eight\n-nine\n+NINE\n*** End Patch";
        fake.conversation(Step.call("apply_patch", dev.reaper.json.Json.write(Map.of("patch", patch))), Step.text("ok"));
        Session s = open(PermissionMode.DEFAULT, request -> {
            var e = request.edits().get(0);
            String kept = dev.reaper.edit.Hunks.apply(e.before(), e.after(), java.util.Set.of(0));
            return Approver.Answer.partly(List.of(new dev.reaper.tools.FileEdit(e.path(), e.before(), kept)));
        });
        run(s, "capitalise");
        assertThat(Files.readString(work.resolve("a.txt"))).startsWith("ONE\ntwo").endsWith("eight\nnine\n");
        String toolResult = fake.chatRequests().get(1).bodyText();
        assertThat(toolResult).contains("accepted only part of this change").contains("+NINE");
    }

    private String system(int request) {
        return fake.chatRequests().get(request).json().path("system").toString();
    }

    @Test
    void theFirstRequestCarriesTheRepoMapAndTheSessionKeepsThatPrompt() throws IOException {
        Files.createDirectories(work.resolve("app"));
        Files.writeString(work.resolve("app/models.py"), "class Ledger:\n    pass\n");
        Files.writeString(work.resolve("app/service.py"), "from .models import Ledger\n\n\ndef book():\n"
                + "    return Ledger()\n");
        for (String doc : List.of("README.md", "CHANGES.md", "LICENSE")) {
            Files.writeString(work.resolve(doc), "text\n"); // enough files for a map to be worth it
        }
        fake.conversation(Step.text("one"), Step.text("two"));
        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);
        app.repoMap().refresh(); // done before the first request, as when the user takes a moment to type

        run(s, "first");
        Files.writeString(work.resolve("app/later.py"), "def later():\n    pass\n");
        run(s, "second");

        assertThat(system(0)).contains("# Repository map").contains("app/models.py").contains("app/service.py")
                .contains("repo_map");
        assertThat(system(1)).as("settled at the first request").isEqualTo(system(0)).doesNotContain("later.py");
        assertThat(fake.chatRequests().get(0).bodyText()).contains("\"repo_map\"");
    }

    @Test
    void aWorkspaceWithoutSourcesHasNoRepoMapInItsPrompt() throws IOException {
        Files.writeString(work.resolve("notes.md"), "# notes\n");
        fake.conversation(Step.text("one"));
        Session s = open(PermissionMode.DEFAULT, Approver.NON_INTERACTIVE);

        run(s, "first");

        assertThat(system(0)).doesNotContain("# Repository map");
    }
}
