package dev.reaper.tui;

import dev.reaper.agent.Approver;
import dev.reaper.agent.EventSink;
import dev.reaper.agent.Session;
import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.PermissionMode;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Router;
import dev.reaper.store.SessionMeta;
import dev.reaper.store.UsageLedger;
import dev.reaper.tui.command.PromptCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** What the TUI needs from the rest of Reaper; the launcher provides it, so the TUI wires nothing itself. */
public interface TuiServices {

    /** A session opened for the TUI, and what repairing its transcript took. */
    record Opened(Session session, boolean resumed, List<String> repairs) {}

    /** Opens a new session, or resumes one by id; {@code model} and {@code mode} override the configured ones. */
    Opened open(Optional<String> resumeId, Optional<String> model, Optional<PermissionMode> mode, Approver approver,
                EventSink events);

    List<SessionMeta> sessions();

    void deleteSession(String id);

    /** Model ids worth offering: the catalog of configured providers and their live lists. */
    List<String> modelIds();

    Optional<ModelInfo> modelInfo(ModelRef model);

    Router router();

    /** The routing policy of a strategy by name ({@code /strategy}); throws with the names when unknown. */
    Router.Policy policy(String strategy);

    /** The usage ledger, or null when it cannot be opened. */
    UsageLedger ledger();

    Path workspaceRoot();

    Path configDir();

    Path stateDir();

    IgnoreRules ignore();

    /** The run's --max-budget-usd, for the budget bar. */
    OptionalDouble budgetLimit();

    /**
     * The workspace's repo map, brought up to date and centred on {@code focus} (files and names, or empty),
     * as text for the user; slow the first time in a large workspace, so not on the UI thread.
     */
    String repoMap(String focus) throws IOException;

    /** Runs a shell command in the workspace as the bash tool does (timeout, output cap, process group). */
    String shell(String command, dev.reaper.protocol.Cancellation cancel);

    /** Slash commands made of MCP servers' prompts ({@code /mcp__SERVER__PROMPT}); none unless there are servers. */
    default PromptCommands promptCommands() {
        return PromptCommands.NONE;
    }

    /** The TUI says how to ask the user to choose (an MCP server's question); ignored unless something asks. */
    default void chooser(Chooser chooser) {
    }

    /** The theme and keymap named in config.toml, if any. */
    Optional<String> configuredTheme();

    Optional<String> configuredKeymap();
}
