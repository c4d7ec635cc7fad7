package dev.reaper.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.reaper.app.Reaper;
import dev.reaper.app.UserInputException;
import dev.reaper.config.Paths;
import dev.reaper.json.Json;
import dev.reaper.store.SessionMeta;
import dev.reaper.store.SessionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reaper sessions list|show|export|delete}. */
@Command(name = "sessions", description = "Stored sessions: list, show, export or delete them.",
        subcommands = {SessionsCommand.List.class, SessionsCommand.Show.class, SessionsCommand.Export.class,
            SessionsCommand.Delete.class})
public final class SessionsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand
    RootCommand root;

    @Override
    public Integer call() {
        return new List().listFor(this);
    }

    Reaper boot() {
        return Reaper.boot(root.launch.env(), root.workingDirectory(), Clock.systemDefaultZone());
    }

    SessionStore store() {
        return new SessionStore(Paths.from(root.launch.env()).sessionsDir(), Clock.systemDefaultZone());
    }

    /** The full id of a session named by id or unique prefix. */
    String resolve(String id) {
        return store().resolve(id).orElseThrow(() -> new UserInputException("no session '" + id
                + "' (or the prefix matches several): see reaper sessions list"));
    }

    SessionStore.Loaded load(String id) {
        return store().load(resolve(id));
    }

    void print(String text) {
        root.launch.out().print(text);
        root.launch.out().flush();
    }

    @Command(name = "list", description = "Sessions of this workspace, newest first (--all: every workspace).")
    static final class List implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Option(names = "--all", description = "Sessions of every workspace.")
        boolean all;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            return listFor(parent);
        }

        int listFor(SessionsCommand p) {
            PrintWriter out = p.root.launch.out();
            try (Reaper app = p.boot()) {
                String ws = app.workspace().root().toString();
                java.util.List<SessionMeta> metas = app.sessions().list().stream()
                        .filter(m -> all || m.workspace().equals(ws)).toList();
                if (json) {
                    ArrayNode arr = Json.array();
                    for (SessionMeta m : metas) {
                        arr.addObject().put("id", m.id()).put("created", m.created().toString())
                                .put("updated", m.updated().toString()).put("workspace", m.workspace())
                                .put("model", m.model()).put("title", m.title()).put("messages", m.messages());
                    }
                    out.println(Json.write(arr));
                } else if (metas.isEmpty()) {
                    out.println(all ? "No sessions yet." : "No sessions in " + ws + " (--all lists every workspace).");
                } else {
                    Table t = new Table("ID", "UPDATED", ">MSGS", "MODEL", "TITLE");
                    for (SessionMeta m : metas) {
                        t.add(m.id().substring(0, 8), WHEN.format(m.updated().atZone(ZoneId.systemDefault())),
                                m.messages(), m.model(), m.title());
                    }
                    t.print(out);
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", description = "Print a session's conversation.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Parameters(paramLabel = "ID", description = "Session id or a unique prefix of one.")
        String id;

        @Override
        public Integer call() {
            parent.print(SessionExport.markdown(parent.load(id)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Export a session as markdown or JSON.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Parameters(paramLabel = "ID", description = "Session id or a unique prefix of one.")
        String id;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
                description = "markdown or json. Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;

        @Override
        public Integer call() throws IOException {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("markdown") && !f.equals("md") && !f.equals("json")) {
                throw new UserInputException("--format must be markdown or json, not " + format);
            }
            SessionStore.Loaded s = parent.load(id);
            String text = f.equals("json") ? SessionExport.json(s) : SessionExport.markdown(s);
            if (output != null) {
                Files.writeString(parent.root.launch.cwd().resolve(output), text, StandardCharsets.UTF_8);
            } else {
                parent.print(text);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a session's transcript.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Parameters(paramLabel = "ID", description = "Session id or a unique prefix of one.")
        String id;

        @Override
        public Integer call() {
            String full = parent.resolve(id);
            parent.store().delete(full);
            parent.print("Deleted session " + full + "\n");
            return ExitCodes.OK;
        }
    }
}
