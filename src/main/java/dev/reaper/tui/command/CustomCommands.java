package dev.reaper.tui.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The user's own slash commands: markdown files in {@code .reaper/commands/} of the workspace and in
 * {@code commands/} of the config folder (the project's win). The file is the prompt; {@code $ARGUMENTS}
 * stands for what follows the command, and a first line {@code description: ...} is shown in completion.
 */
public final class CustomCommands {

    /** One command: its name (the file name) and the prompt template. */
    public record Command(String name, String description, String template) {
        public String expand(String arguments) {
            String t = template.contains("$ARGUMENTS") ? template.replace("$ARGUMENTS", arguments)
                    : arguments.isBlank() ? template : template + "\n\n" + arguments;
            return t.strip();
        }
    }

    private CustomCommands() {}

    public static Map<String, Command> load(List<Path> folders) {
        Map<String, Command> out = new LinkedHashMap<>();
        for (Path dir : folders) {
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".md") || !Files.isRegularFile(f)) {
                        continue;
                    }
                    String name = file.substring(0, file.length() - 3);
                    if (!name.matches("[A-Za-z0-9_:.-]+")) {
                        continue;
                    }
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    String description = "custom command";
                    if (text.startsWith("description:")) {
                        int nl = text.indexOf('\n');
                        description = (nl < 0 ? text : text.substring(0, nl)).substring("description:".length()).strip();
                        text = nl < 0 ? "" : text.substring(nl + 1);
                    }
                    out.putIfAbsent(name, new Command(name, description, text));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder or file adds no command
            }
        }
        return out;
    }
}
