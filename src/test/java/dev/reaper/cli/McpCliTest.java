package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot run with MCP servers configured: the model is offered their tools as mcp__SERVER__TOOL, a call
 * allowed by a rule goes to the server and its result back to the model, a server that cannot start is said
 * once and the run goes on, and no server is left running when Reaper exits.
 */
class McpCliTest {

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
        fake.close();
    }

    @Test
    void theModelCallsAnMcpToolAndGetsItsResult() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        Files.writeString(home.resolve("config.toml"), """
                [mcp_servers.everything]
                command = "%s"

                [mcp_servers.broken]
                command = "%s"

                [permissions]
                allow = ["mcp__everything"]
                """.formatted(everything, work.resolve("no-such-server")));
        fake.conversation(Step.call("mcp__everything__echo", "{\"message\":\"hi from the model\"}"),
                Step.text("It echoed."));

        CliRun.Result r = new CliRun(home, work).provider("anthropic", fake).run("-p", "echo something", "--model",
                CliRun.model("anthropic"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("It echoed.");
        assertThat(fake.chatRequests()).hasSize(2);
        assertThat(fake.chatRequests().get(0).bodyText()).contains("\"mcp__everything__echo\"",
                "\"mcp__everything__get-sum\"", "Echoes back the input string");
        assertThat(fake.chatRequests().get(1).bodyText()).contains("Echo: hi from the model");
        assertThat(r.err()).containsOnlyOnce("MCP server broken could not be started")
                .contains("its tools are not available in this session");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))).isEmpty();
    }

    @Test
    void aOneShotRunAnswersAServersQuestionWithoutAsking() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        Files.writeString(home.resolve("config.toml"), """
                [mcp_servers.everything]
                command = "%s"

                [permissions]
                allow = ["mcp__everything"]
                """.formatted(everything));
        fake.conversation(Step.call("mcp__everything__trigger-elicitation-request", "{}"), Step.text("Declined."));

        CliRun.Result r = new CliRun(home, work).provider("anthropic", fake).run("-p", "ask me", "--model",
                CliRun.model("anthropic"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        // with nobody to ask, Reaper declines
        assertThat(fake.chatRequests().get(1).bodyText()).contains("User declined");
    }

    @Test
    void aTrustedWorkspacesMcpJsonIsReadAndWithoutARuleAOneShotRunDeniesItsTool() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        Files.writeString(work.resolve(".mcp.json"), """
                {"mcpServers": {"everything": {"command": "%s"}}}
                """.formatted(everything));
        new CliRun(home, work).run("trust");
        fake.conversation(Step.call("mcp__everything__echo", "{\"message\":\"hi\"}"), Step.text("Denied."));

        CliRun.Result r = new CliRun(home, work).provider("anthropic", fake).run("-p", "echo", "--model",
                CliRun.model("anthropic"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests().get(1).bodyText()).doesNotContain("Echo: hi")
                .contains("Permission denied for mcp__everything__echo");
    }
}
