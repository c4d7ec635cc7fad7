package dev.reaper.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.context.FileWalker;
import dev.reaper.json.Json;
import dev.reaper.mcp.server.ServedResources;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.tools.TextFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's files as MCP resources ({@code file://} URIs) for {@code reaper mcp serve}: those .gitignore,
 * .reaperignore and the deny rules leave visible, up to {@link #MAX_LISTED}; text files are read as text, others
 * as base64 blobs, up to {@link #MAX_BYTES}.
 */
final class ServerResources implements ServedResources {

    static final int MAX_LISTED = 10_000;
    static final long MAX_BYTES = 2L * 1024 * 1024;

    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("java", "text/x-java"),
            Map.entry("py", "text/x-python"), Map.entry("js", "text/javascript"), Map.entry("ts", "text/x-typescript"),
            Map.entry("json", "application/json"), Map.entry("md", "text/markdown"), Map.entry("html", "text/html"),
            Map.entry("css", "text/css"), Map.entry("xml", "application/xml"), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"), Map.entry("toml", "application/toml"), Map.entry("c", "text/x-c"),
            Map.entry("h", "text/x-c"), Map.entry("go", "text/x-go"), Map.entry("rs", "text/x-rust"),
            Map.entry("sh", "application/x-sh"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"),
            Map.entry("pdf", "application/pdf"));

    private final ServerTools tools;

    ServerResources(ServerTools tools) {
        this.tools = tools;
    }

    /** How long one walk's listing serves the next pages and completions. */
    static final long FRESH_NANOS = 5_000_000_000L;

    private List<ObjectNode> listed;
    private long listedAt;

    @Override
    public synchronized List<ObjectNode> list() {
        if (listed == null || System.nanoTime() - listedAt > FRESH_NANOS) {
            listed = walk();
            listedAt = System.nanoTime();
        }
        return listed;
    }

    private List<ObjectNode> walk() {
        WorkspaceBoundary ws = tools.workspace();
        List<ObjectNode> found = new ArrayList<>();
        try {
            FileWalker.walk(ws.root(), tools.ignore(), () -> false, (file, attrs) -> {
                if (tools.mayRead(file)) {
                    found.add(describe(file, ws.relative(file), attrs));
                }
                return found.size() < MAX_LISTED;
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the workspace: " + e.getMessage(), e);
        }
        return List.copyOf(found);
    }

    private static ObjectNode describe(Path file, String relative, BasicFileAttributes attrs) {
        ObjectNode r = Json.object();
        r.put("uri", file.toUri().toString());
        r.put("name", relative);
        r.put("description", "workspace file " + relative);
        r.put("mimeType", type(file, "text/plain"));
        r.put("size", attrs.size());
        return r;
    }

    @Override
    public List<ObjectNode> templates() {
        return List.of(Json.object().put("uriTemplate", tools.workspace().root().toUri() + "{+path}")
                .put("name", "workspace file").put("description", "A file of the workspace by its relative path"));
    }

    @Override
    public Optional<ObjectNode> read(String uri) {
        Optional<Path> file = file(uri);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path f = file.get();
        try {
            long size = Files.size(f);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(tools.workspace().relative(f) + " is " + size / 1024
                        + " KiB; resources are read up to " + MAX_BYTES / 1024 + " KiB (use the read tool for a"
                        + " window of it)");
            }
            ObjectNode result = Json.object();
            ObjectNode c = result.putArray("contents").addObject();
            c.put("uri", uri);
            if (TextFiles.isBinary(f)) {
                c.put("mimeType", type(f, "application/octet-stream"));
                c.put("blob", Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
            } else {
                c.put("mimeType", type(f, "text/plain"));
                c.put("text", new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
            return Optional.of(result);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + uri + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<String> stamp(String uri) {
        return file(uri).map(f -> {
            try {
                return Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f);
            } catch (IOException e) {
                return "gone";
            }
        });
    }

    /**
     * The workspace file a URI names, or empty when there is no such file.
     *
     * @throws IllegalArgumentException when it names something that may not be read (outside the workspace,
     *     ignored, denied)
     */
    private Optional<Path> file(String uri) {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"file".equals(u.getScheme()) || u.getPath() == null) {
            return Optional.empty();
        }
        Path f;
        try {
            f = tools.workspace().resolve(Path.of(u).toString());
        } catch (WorkspaceBoundary.OutsideWorkspaceException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = f.toRealPath();
            tools.workspace().resolve(real.toString()); // a symlink may lead outside
        } catch (IOException e) {
            return Optional.empty();
        } catch (WorkspaceBoundary.OutsideWorkspaceException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (tools.ignore().isIgnored(f, false) || tools.ignore().isIgnored(real, false) || !tools.mayRead(f)) {
            throw new IllegalArgumentException(tools.workspace().relative(f) + " is kept from reading by the"
                    + " ignore files or the deny rules");
        }
        return Optional.of(real);
    }

    private static String type(Path file, String otherwise) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? otherwise : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(), otherwise);
    }
}
