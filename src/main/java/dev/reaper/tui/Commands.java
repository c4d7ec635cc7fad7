package dev.reaper.tui;

import dev.reaper.agent.Comparison;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ModelRef;
import dev.reaper.store.SessionMeta;
import dev.reaper.tui.command.CustomCommands;
import dev.reaper.tui.command.PromptCommands;
import dev.reaper.tui.command.SlashCommand;
import dev.reaper.tui.keys.Action;
import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.markdown.MarkdownRenderer;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.theme.ThemeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The slash commands: each reads its argument and changes the session or the screen. */
final class Commands {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TuiContext ctx;
    private final PromptRunner prompts;

    Commands(TuiContext ctx, PromptRunner prompts) {
        this.ctx = ctx;
        this.prompts = prompts;
    }

    /** Runs "/name args"; unknown names are said so. */
    void run(String line) {
        String body = line.substring(1).strip();
        int space = body.indexOf(' ');
        String name = (space < 0 ? body : body.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : body.substring(space + 1).strip();
        TuiState s = ctx.state;
        switch (name) {
            case "help" -> help();
            case "model" -> model(args);
            case "compare" -> compare(args);
            case "strategy" -> strategy(args);
            case "cost" -> toggle(TuiState.Pane.COST);
            case "diff" -> toggle(TuiState.Pane.DIFF);
            case "plan", "todo" -> toggle(TuiState.Pane.PLAN);
            case "undo" -> undo();
            case "compact" -> compact();
            case "clear", "new" -> newSession(Optional.empty());
            case "sessions" -> sessions();
            case "resume" -> {
                if (args.isEmpty()) {
                    sessions();
                } else {
                    newSession(Optional.of(args));
                }
            }
            case "theme" -> theme(args);
            case "keymap" -> keymap(args);
            case "permissions" -> permissions(args);
            case "copy" -> copy(args.equals("code"));
            case "explain" -> prompts.submit("Explain " + (args.isEmpty() ? "the code we are discussing" : "@" + args)
                    + ": what it does, how it fits the rest of the codebase, and anything surprising. Read the code first.");
            case "refactor" -> refactor(args);
            case "tests", "testgen" -> prompts.submit("Write tests for " + (args.isEmpty() ? "the code we are discussing"
                    : "@" + args) + " in the framework the project already uses: cover the main behaviour and the"
                    + " edge cases, add property-based tests where the project has a library for them, and run them.");
            case "review" -> prompts.submit("Review the uncommitted changes (run git diff and git diff --staged)."
                    + " Report bugs, security problems, performance issues and missing tests as a list, each with"
                    + " path:line, severity and a suggested fix. Do not change any file.");
            case "map" -> map(args);
            case "quit", "exit", "q" -> ctx.quit = true;
            default -> {
                CustomCommands.Command c = ctx.custom.get(name);
                Optional<PromptCommands.Command> provided = ctx.services.promptCommands().commands().stream()
                        .filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
                if (c != null) {
                    prompts.submit(c.expand(args));
                } else if (provided.isPresent()) {
                    promptCommand(provided.get(), args);
                } else {
                    note("unknown command /" + name + ": /help lists them", ChatEntry.Note.Kind.WARNING);
                }
            }
        }
        if (!name.equals("quit")) {
            s.scroll = 0;
        }
    }

    /**
     * An MCP server's prompt: its arguments bound here, the prompt fetched off the UI thread, then sent as the
     * user's; its images are attached when the model takes images, and said to be left out otherwise.
     */
    private void promptCommand(PromptCommands.Command command, String args) {
        java.util.Map<String, String> values;
        try {
            values = command.bind(args);
        } catch (IllegalArgumentException e) {
            note(e.getMessage(), ChatEntry.Note.Kind.WARNING);
            return;
        }
        note("getting the prompt /" + command.name() + "…", ChatEntry.Note.Kind.INFO);
        Cancellation cancel = new Cancellation();
        Thread.ofVirtual().name("reaper-prompt-" + command.name()).start(() -> {
            try {
                PromptCommands.Prompt p = ctx.services.promptCommands().get(command.name(), values, cancel);
                ctx.post.accept(new UiEvent.Task(() -> sendPrompt(command, p)));
            } catch (Exception e) {
                ctx.post.accept(new UiEvent.Task(() -> note("/" + command.name() + ": " + e.getMessage(),
                        ChatEntry.Note.Kind.ERROR)));
            }
        });
    }

    private void sendPrompt(PromptCommands.Command command, PromptCommands.Prompt p) {
        if (p.text().isBlank() && p.images().isEmpty()) {
            note("/" + command.name() + " made an empty prompt; nothing was sent", ChatEntry.Note.Kind.WARNING);
            return;
        }
        List<ContentBlock> images = new ArrayList<>();
        if (!p.images().isEmpty()) {
            boolean vision = !ctx.session.models().isEmpty() && ctx.services.modelInfo(ctx.session.models().get(0))
                    .map(i -> i.vision()).orElse(false);
            if (vision) {
                images.addAll(p.images());
            } else {
                note(p.images().size() + " image(s) of the prompt left out: the model does not take images",
                        ChatEntry.Note.Kind.WARNING);
            }
        }
        prompts.submit(p.text(), images);
    }

    private void note(String text, ChatEntry.Note.Kind kind) {
        ctx.state.chat.add(new ChatEntry.Note(text, kind));
    }

    private void toggle(TuiState.Pane pane) {
        ctx.state.pane = ctx.state.pane == pane ? TuiState.Pane.NONE : pane;
        ctx.state.paneScroll = 0;
    }

    void help() {
        List<String> lines = new ArrayList<>();
        lines.add("Commands");
        for (SlashCommand c : SlashCommand.BUILT_IN) {
            lines.add(String.format(Locale.ROOT, "  /%-12s %-18s %s", c.name(), c.args(), c.description()));
        }
        for (CustomCommands.Command c : ctx.custom.values()) {
            lines.add(String.format(Locale.ROOT, "  /%-12s %-18s %s", c.name(), "[args]", c.description()));
        }
        for (PromptCommands.Command c : ctx.services.promptCommands().commands()) {
            lines.add(String.format(Locale.ROOT, "  /%-12s %-18s %s", c.name(), c.usage(), c.description()));
        }
        lines.add("");
        lines.add("Keys (" + ctx.state.keymap.name() + " keymap; /keymap switches)");
        Keymap k = ctx.state.keymap;
        for (Action a : List.of(Action.SUBMIT, Action.NEWLINE, Action.INTERRUPT, Action.QUIT, Action.COMPLETE,
                Action.HISTORY_SEARCH, Action.PAGE_UP, Action.TOGGLE_TOOLS, Action.TOGGLE_DIFF, Action.TOGGLE_PLAN,
                Action.TOGGLE_COST, Action.COPY_LAST, Action.SESSIONS, Action.MODELS, Action.EXPLAIN, Action.REVIEW)) {
            String keys = k.keysFor(Keymap.INSERT, a);
            if (keys.isEmpty() && k.isVim()) {
                keys = k.keysFor(Keymap.NORMAL, a) + " (normal)";
            }
            lines.add(String.format(Locale.ROOT, "  %-22s %s", keys, a.key().replace('_', ' ')));
        }
        lines.add("");
        lines.add("  !command runs a shell command · @path attaches a file · ctrl+c twice quits");
        ctx.state.dialog = new Dialog.Info("help", lines);
    }

    private void model(String args) {
        if (!args.isEmpty()) {
            try {
                List<ModelRef> models = new ArrayList<>();
                for (String m : args.split(",")) {
                    models.add(ModelRef.parse(m.strip()));
                }
                ctx.session.setModels(models);
                ctx.state.model = models.get(0).toString();
                note("model: " + args, ChatEntry.Note.Kind.INFO);
            } catch (IllegalArgumentException e) {
                note(e.getMessage(), ChatEntry.Note.Kind.ERROR);
            }
            return;
        }
        List<Dialog.Picker.Item> items = new ArrayList<>();
        for (String id : ctx.services.modelIds()) {
            String detail = ctx.services.modelInfo(ModelRef.parse(id)).map(i -> (i.contextWindow() > 0
                    ? i.contextWindow() / 1000 + "k context" : "") + i.pricing().map(p -> String.format(Locale.ROOT,
                    "  $%.2f/$%.2f per M", p.input(), p.output())).orElse("")).orElse("");
            items.add(new Dialog.Picker.Item(id, detail, id));
        }
        ctx.state.dialog = new Dialog.Picker("model", items, item -> model(item.value()), null);
    }

    private void strategy(String args) {
        if (args.isEmpty()) {
            note("strategy: " + ctx.session.policy().map(p -> p.strategy().name()).orElse(
                    ctx.services.router().policy().strategy().name()) + " over " + ctx.session.models()
                    + " (/strategy single|cascade|race|speculate|merge; /model a/x,b/y sets the candidates)",
                    ChatEntry.Note.Kind.INFO);
            return;
        }
        try {
            ctx.session.setPolicy(ctx.services.policy(args));
            note("strategy: " + args + (ctx.session.models().size() < 2 && !args.equals("single") && !args.equals("cascade")
                    ? " (give several models with /model a/x,b/y for it to choose from)" : ""), ChatEntry.Note.Kind.INFO);
        } catch (RuntimeException e) {
            note(e.getMessage(), ChatEntry.Note.Kind.ERROR);
        }
    }

    private void compare(String args) {
        int space = args.indexOf(' ');
        if (space < 0) {
            note("usage: /compare provider/a,provider/b your prompt", ChatEntry.Note.Kind.WARNING);
            return;
        }
        List<ModelRef> models = new ArrayList<>();
        try {
            for (String m : args.substring(0, space).split(",")) {
                models.add(ModelRef.parse(m.strip()));
            }
        } catch (IllegalArgumentException e) {
            note(e.getMessage(), ChatEntry.Note.Kind.ERROR);
            return;
        }
        String prompt = args.substring(space + 1).strip();
        Dialog.Compare dialog = new Dialog.Compare(prompt, models);
        ctx.state.dialog = dialog;
        Cancellation cancel = new Cancellation();
        ctx.turn = cancel;
        var request = ctx.session.requestFor(prompt + "\n\n(Answer directly; do not call tools.)");
        ctx.agent.submit(() -> Comparison.run(ctx.services.router(), models, request, ctx.session.budget(),
                ctx.services.ledger(), ctx.session.id(), ctx.session.workspaceRoot(), e -> ctx.post.accept(new UiEvent.Agent(e)),
                cancel, new Comparison.Listener() {
                    @Override
                    public void delta(int index, String text) {
                        ctx.post.accept(new UiEvent.CompareDelta(index, text));
                    }

                    @Override
                    public void finished(int index, Comparison.Result result) {
                        ctx.post.accept(new UiEvent.CompareDone(index, result));
                    }
                }));
    }

    /** The user picked answer {@code index} of a finished comparison. */
    void adopt(Dialog.Compare c, int index) {
        Comparison.Result r = c.results.get(index);
        if (r == null || r.error() != null) {
            ctx.state.say("that model has no answer to continue with", ctx.now());
            return;
        }
        ctx.session.adopt(c.prompt, r.text(), r.model());
        ctx.state.chat.add(new ChatEntry.User(c.prompt));
        ChatEntry.Assistant a = new ChatEntry.Assistant();
        a.append(r.text());
        a.model = r.model().toString();
        a.streaming = false;
        ctx.state.chat.add(a);
        ctx.state.model = r.model().toString();
        ctx.state.dialog = null;
    }

    private void undo() {
        if (ctx.state.running) {
            ctx.state.say("stop the running turn first (esc)", ctx.now());
            return;
        }
        try {
            Optional<String> done = ctx.session.undo();
            if (done.isEmpty()) {
                note("nothing to undo", ChatEntry.Note.Kind.INFO);
                return;
            }
            reloadChat();
            note(done.get(), ChatEntry.Note.Kind.INFO);
            ctx.files.refresh();
        } catch (IOException e) {
            note("undo failed: " + e.getMessage(), ChatEntry.Note.Kind.ERROR);
        }
    }

    private void compact() {
        if (ctx.state.running) {
            ctx.state.say("stop the running turn first (esc)", ctx.now());
            return;
        }
        prompts.start();
        Cancellation cancel = ctx.turn;
        note("compacting the conversation…", ChatEntry.Note.Kind.INFO);
        ctx.agent.submit(() -> {
            String result;
            try {
                result = ctx.session.compact(cancel);
            } catch (RuntimeException e) {
                result = "compacting failed: " + e.getMessage();
            }
            String r = result;
            ctx.post.accept(new UiEvent.Task(() -> {
                ctx.state.running = false;
                reloadChat();
                note(r, ChatEntry.Note.Kind.INFO);
            }));
        });
    }

    /** Opens a new session or resumes one; the screen shows its conversation. */
    void newSession(Optional<String> resumeId) {
        if (ctx.state.running) {
            ctx.state.say("stop the running turn first (esc)", ctx.now());
            return;
        }
        try {
            String models = String.join(",", ctx.session.models().stream().map(ModelRef::toString).toList());
            TuiServices.Opened opened = ctx.services.open(resumeId, Optional.of(models),
                    Optional.of(ctx.session.permissionMode()), prompts.approver(),
                    e -> ctx.post.accept(new UiEvent.Agent(e)));
            ctx.session.close();
            ctx.session = opened.session();
            TuiState s = ctx.state;
            s.sessionId = ctx.session.id();
            s.diffs.clear();
            s.plan = List.of();
            s.cost.sessionCost = 0;
            s.cost.sessionUsage = dev.reaper.protocol.Usage.ZERO;
            reloadChat();
            if (opened.resumed()) {
                note("resumed session " + s.sessionId.substring(0, 8), ChatEntry.Note.Kind.INFO);
            }
            opened.repairs().forEach(r -> note(r, ChatEntry.Note.Kind.WARNING));
        } catch (RuntimeException e) {
            note(e.getMessage(), ChatEntry.Note.Kind.ERROR);
        }
    }

    /** Rebuilds the chat from the session's conversation (after undo, compaction or resuming). */
    void reloadChat() {
        TuiState s = ctx.state;
        s.chat.clear();
        for (Message m : ctx.session.history()) {
            if (m.role() == Role.USER) {
                for (ContentBlock b : m.content()) {
                    if (b instanceof ContentBlock.ToolResult r) {
                        for (int i = s.chat.size() - 1; i >= 0; i--) {
                            if (s.chat.get(i) instanceof ChatEntry.Tool t && t.callId.equals(r.toolUseId())) {
                                t.output = r.content();
                                t.status = r.isError() ? dev.reaper.protocol.Event.ToolStatus.ERROR
                                        : dev.reaper.protocol.Event.ToolStatus.OK;
                                break;
                            }
                        }
                    }
                }
                if (!m.text().isBlank()) {
                    s.chat.add(new ChatEntry.User(m.text()));
                }
            } else {
                if (!m.text().isBlank()) {
                    ChatEntry.Assistant a = new ChatEntry.Assistant();
                    a.append(m.text());
                    a.streaming = false;
                    s.chat.add(a);
                }
                for (ContentBlock.ToolUse u : m.toolUses()) {
                    s.chat.add(new ChatEntry.Tool(u.id(), u.name(), u.argumentsJson()));
                }
            }
        }
        s.scroll = 0;
    }

    private void sessions() {
        List<Dialog.Picker.Item> items = new ArrayList<>();
        for (SessionMeta m : ctx.services.sessions()) {
            if (!m.workspace().equals(ctx.services.workspaceRoot().toString())) {
                continue;
            }
            items.add(new Dialog.Picker.Item(m.id().substring(0, 8) + "  " + m.title(),
                    WHEN.format(m.updated().atZone(ZoneId.systemDefault())) + "  " + m.messages() + " messages  " + m.model(),
                    m.id()));
        }
        ctx.state.dialog = new Dialog.Picker("sessions of this workspace", items,
                item -> newSession(Optional.of(item.value())),
                item -> {
                    if (item.value().equals(ctx.session.id())) {
                        ctx.state.say("that is the current session", ctx.now());
                        return;
                    }
                    ctx.services.deleteSession(item.value());
                    if (ctx.state.dialog instanceof Dialog.Picker p) {
                        p.items.remove(item);
                    }
                });
    }

    private void theme(String name) {
        if (name.isEmpty()) {
            List<Dialog.Picker.Item> items = ctx.themes.names().stream().map(n -> new Dialog.Picker.Item(n,
                    n.equals(ctx.state.theme.name()) ? "current" : "", n)).toList();
            ctx.state.dialog = new Dialog.Picker("theme", items, item -> theme(item.value()), null);
            return;
        }
        try {
            ctx.state.theme = ctx.themes.load(name);
            note("theme: " + name, ChatEntry.Note.Kind.INFO);
        } catch (ThemeException e) {
            note(e.getMessage() + " (keeping " + ctx.state.theme.name() + ")", ChatEntry.Note.Kind.ERROR);
        }
    }

    private void keymap(String name) {
        if (name.isEmpty()) {
            List<Dialog.Picker.Item> items = ctx.keymaps.names().stream().map(n -> new Dialog.Picker.Item(n,
                    n.equals(ctx.state.keymap.name()) ? "current" : "", n)).toList();
            ctx.state.dialog = new Dialog.Picker("keymap", items, item -> keymap(item.value()), null);
            return;
        }
        try {
            ctx.state.keymap = ctx.keymaps.load(name);
            ctx.state.inputMode = Keymap.INSERT;
            note("keymap: " + name, ChatEntry.Note.Kind.INFO);
        } catch (ThemeException e) {
            note(e.getMessage() + " (keeping " + ctx.state.keymap.name() + ")", ChatEntry.Note.Kind.ERROR);
        }
    }

    private void permissions(String mode) {
        if (mode.isEmpty()) {
            List<Dialog.Picker.Item> items = new ArrayList<>();
            for (PermissionMode m : PermissionMode.values()) {
                items.add(new Dialog.Picker.Item(m.id(), m == ctx.session.permissionMode() ? "current" : "", m.id()));
            }
            ctx.state.dialog = new Dialog.Picker("permission mode", items, item -> permissions(item.value()), null);
            return;
        }
        try {
            PermissionMode m = PermissionMode.parse(mode);
            ctx.session.setPermissionMode(m);
            ctx.state.permissionMode = m.id();
            note("permission mode: " + m.id(), ChatEntry.Note.Kind.INFO);
        } catch (IllegalArgumentException e) {
            note(e.getMessage(), ChatEntry.Note.Kind.ERROR);
        }
    }

    /** Shows the repo map in the chat, made off the UI thread. */
    private void map(String focus) {
        ChatEntry.Report entry = new ChatEntry.Report(focus.isEmpty() ? "repo map" : "repo map around " + focus);
        ctx.state.chat.add(entry);
        Thread.ofVirtual().name("reaper-map").start(() -> {
            String text;
            try {
                text = ctx.services.repoMap(focus);
            } catch (IOException | RuntimeException e) {
                text = "cannot build the repo map: " + e.getMessage();
            }
            String shown = text;
            ctx.post.accept(new UiEvent.Task(() -> {
                entry.text = shown;
                entry.touch();
            }));
        });
    }

    private void refactor(String args) {
        int space = args.indexOf(' ');
        if (args.isEmpty()) {
            note("usage: /refactor path goal", ChatEntry.Note.Kind.WARNING);
            return;
        }
        String path = space < 0 ? args : args.substring(0, space);
        String goal = space < 0 ? "make it clearer" : args.substring(space + 1);
        prompts.submit("Refactor @" + path + " to " + goal + ". Keep the behaviour the same unless the goal says"
                + " otherwise, keep the change focused, and run the tests when you can.");
    }

    /** Copies the last answer, or its last code block, to the clipboard with OSC 52. */
    void copy(boolean code) {
        for (int i = ctx.state.chat.size() - 1; i >= 0; i--) {
            if (ctx.state.chat.get(i) instanceof ChatEntry.Assistant a && !a.text.isEmpty()) {
                String text = a.text.toString();
                if (code) {
                    List<String> blocks = MarkdownRenderer.codeBlocks(text);
                    if (blocks.isEmpty()) {
                        ctx.state.say("the last answer has no code block", ctx.now());
                        return;
                    }
                    text = blocks.get(blocks.size() - 1);
                }
                ctx.terminal.accept("\u001b]52;c;" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                        + "\u0007");
                ctx.state.say("copied " + (code ? "the code block" : "the answer") + " to the clipboard", ctx.now());
                return;
            }
        }
        ctx.state.say("no answer to copy yet", ctx.now());
    }
}
