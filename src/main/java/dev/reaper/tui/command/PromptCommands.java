package dev.reaper.tui.command;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slash commands whose prompt comes from elsewhere: an MCP server's prompts, as {@code /mcp__SERVER__PROMPT}.
 * The TUI lists them (help, completion), binds what the user typed to their arguments, and sends what
 * {@link #get} returns as the user's prompt. Fetching may take a round trip: it is called off the UI thread.
 */
public interface PromptCommands {

    record Argument(String name, String description, boolean required) {}

    /** One command, with its arguments in the order positional words fill them. */
    record Command(String name, String description, List<Argument> arguments) {

        public Command {
            arguments = List.copyOf(arguments);
        }

        /** The arguments as help shows them: {@code city [state]}. */
        public String usage() {
            return String.join(" ", arguments.stream().map(a -> a.required() ? a.name() : "[" + a.name() + "]")
                    .toList());
        }

        /**
         * What the user typed after the command, as argument values: {@code NAME=value} words by name, the other
         * words in order into the arguments not named (the last one takes the rest of the line); double quotes
         * keep spaces in one word.
         *
         * @throws IllegalArgumentException saying which required argument is missing, or that there are too many
         */
        public Map<String, String> bind(String typed) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> positional = new ArrayList<>();
            for (String word : words(typed)) {
                int eq = word.indexOf('=');
                String key = eq > 0 ? word.substring(0, eq) : "";
                if (eq > 0 && arguments.stream().anyMatch(a -> a.name().equals(key))) {
                    values.put(key, word.substring(eq + 1));
                } else {
                    positional.add(word);
                }
            }
            List<Argument> open = arguments.stream().filter(a -> !values.containsKey(a.name())).toList();
            if (!positional.isEmpty() && open.isEmpty()) {
                throw new IllegalArgumentException("/" + name + " takes " + (arguments.isEmpty() ? "no arguments"
                        : "only " + usage()));
            }
            for (int i = 0; i < positional.size(); i++) {
                if (i == open.size() - 1) {
                    values.put(open.get(i).name(), String.join(" ", positional.subList(i, positional.size())));
                    break;
                }
                values.put(open.get(i).name(), positional.get(i));
            }
            for (Argument a : arguments) {
                if (a.required() && !values.containsKey(a.name())) {
                    throw new IllegalArgumentException("/" + name + " needs " + a.name()
                            + (a.description().isBlank() ? "" : " (" + a.description() + ")") + ": /" + name + " "
                            + usage());
                }
            }
            return values;
        }

        private static List<String> words(String typed) {
            List<String> out = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (char c : typed.strip().toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                    any = true;
                } else if (Character.isWhitespace(c) && !quoted) {
                    if (any) {
                        out.add(w.toString());
                        w.setLength(0);
                        any = false;
                    }
                } else {
                    w.append(c);
                    any = true;
                }
            }
            if (any) {
                out.add(w.toString());
            }
            return out;
        }
    }

    /** The prompt a command made: its text, and images to attach. */
    record Prompt(String text, List<ContentBlock.Image> images) {
        public Prompt {
            images = List.copyOf(images);
        }
    }

    /** The commands there are now (servers still starting add theirs later); must not block. */
    List<Command> commands();

    /**
     * The prompt of one command, filled in.
     *
     * @throws Exception with a message to show the user (the server failed or refused)
     */
    Prompt get(String command, Map<String, String> arguments, Cancellation cancel) throws Exception;

    PromptCommands NONE = new PromptCommands() {
        @Override
        public List<Command> commands() {
            return List.of();
        }

        @Override
        public Prompt get(String command, Map<String, String> arguments, Cancellation cancel) {
            throw new IllegalArgumentException("no command " + command);
        }
    };
}
