package dev.reaper.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.server.ServedPrompts;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tools.ToolOutput;
import java.util.List;
import java.util.Optional;

/**
 * Reaper's task modes as MCP prompts for {@code reaper mcp serve}: {@code explain} and {@code tests} for a file
 * (and lines), {@code review} for the working tree's, the staged or a branch's changes. Each is the mode's request
 * with the code attached, read through the server's own tools (so the workspace boundary, the ignore files and the
 * deny rules apply).
 */
final class ServerPrompts implements ServedPrompts {

    private final ServerTools tools;
    private final ServerResources files;

    ServerPrompts(ServerTools tools, ServerResources files) {
        this.tools = tools;
        this.files = files;
    }

    @Override
    public List<ObjectNode> list() {
        return List.of(
                prompt("explain", "Explain code: what it does, how it fits the codebase, anything surprising.",
                        argument("path", "The file, relative to the workspace", true),
                        argument("lines", "A line range, as 10-40 (default: the whole file)", false)),
                prompt("tests", "Write tests for a file in the project's own test framework.",
                        argument("path", "The file, relative to the workspace", true)),
                prompt("review", "Review a change: bugs, security, performance, style and missing tests.",
                        argument("changes", "unstaged (default), staged, or base:BRANCH for the work since BRANCH",
                                false)));
    }

    private static ObjectNode prompt(String name, String description, ObjectNode... arguments) {
        ObjectNode p = Json.object().put("name", name).put("title", "Reaper: " + name).put("description", description);
        ArrayNode args = p.putArray("arguments");
        for (ObjectNode a : arguments) {
            args.add(a);
        }
        return p;
    }

    private static ObjectNode argument(String name, String description, boolean required) {
        return Json.object().put("name", name).put("description", description).put("required", required);
    }

    @Override
    public Optional<ObjectNode> get(String name, JsonNode args) {
        return switch (name) {
            case "explain" -> {
                String path = required(args, "path");
                String lines = args.path("lines").asText("").strip();
                String what = lines.isEmpty() ? path : path + " (lines " + lines + ")";
                yield Optional.of(messages(what + ":\n" + run("read", code(path, lines)), TaskPrompts.explain(what)));
            }
            case "tests" -> {
                String path = required(args, "path");
                yield Optional.of(messages(path + ":\n" + run("read", code(path, "")), TaskPrompts.tests(path)));
            }
            case "review" -> {
                String changes = args.path("changes").asText("").strip();
                ObjectNode diff = Json.object();
                String what;
                if (changes.isEmpty() || changes.equals("unstaged")) {
                    what = "the unstaged changes";
                } else if (changes.equals("staged")) {
                    diff.put("staged", true);
                    what = "the staged changes";
                } else if (changes.startsWith("base:") && changes.length() > 5) {
                    diff.put("base", changes.substring(5));
                    what = "the work since " + changes.substring(5);
                } else {
                    throw new IllegalArgumentException("changes must be unstaged, staged or base:BRANCH, not "
                            + changes);
                }
                yield Optional.of(messages(run("git_diff", diff), TaskPrompts.review(what)));
            }
            default -> Optional.empty();
        };
    }

    @Override
    public List<String> complete(String prompt, String argument, String prefix) {
        if (argument.equals("changes")) {
            return List.of("unstaged", "staged", "base:main").stream().filter(v -> v.startsWith(prefix)).toList();
        }
        if (!argument.equals("path")) {
            return List.of();
        }
        return files.list().stream().map(r -> r.path("name").asText()).filter(n -> n.startsWith(prefix)).toList();
    }

    private static ObjectNode code(String path, String lines) {
        ObjectNode a = Json.object().put("path", path);
        if (!lines.isEmpty()) {
            String[] range = lines.split("-", 2);
            try {
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                if (from < 1 || to < from) {
                    throw new NumberFormatException();
                }
                a.put("offset", from).put("limit", to - from + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("lines must be a range such as 10-40, not " + lines);
            }
        }
        return a;
    }

    private String run(String tool, ObjectNode args) {
        ToolOutput out = tools.run(tool, args, new Cancellation());
        if (out.isError()) {
            throw new IllegalArgumentException(out.text());
        }
        return out.text();
    }

    private static String required(JsonNode args, String name) {
        String v = args.path(name).asText("").strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the argument " + name + " is required");
        }
        return v;
    }

    private static ObjectNode messages(String attached, String request) {
        ObjectNode r = Json.object();
        ArrayNode list = r.putArray("messages");
        list.addObject().put("role", "user").putObject("content").put("type", "text").put("text", request);
        list.addObject().put("role", "user").putObject("content").put("type", "text").put("text", attached);
        return r;
    }
}
