package dev.reaper.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in a server's command, arguments, variables, URL and headers, as
 * Claude Code expands them in {@code .mcp.json}, so a token stays in the environment and out of the file.
 * Expanded when the server starts; what is listed or logged is the text as written.
 */
final class Variables {

    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String server;
    private final Map<String, String> environment;

    Variables(String server, Map<String, String> environment) {
        this.server = server;
        this.environment = environment;
    }

    /** @param where what the text is, for the error (its headers, its command) */
    String expand(String text, String where) throws McpFailure {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null || value.isEmpty()) {
                if (m.group(2) == null) {
                    throw new McpFailure("MCP server " + server + " uses ${" + m.group(1) + "} in " + where
                            + ", which is not set");
                }
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<String> expand(List<String> texts, String where) throws McpFailure {
        List<String> out = new ArrayList<>();
        for (String t : texts) {
            out.add(expand(t, where));
        }
        return out;
    }

    Map<String, String> expand(Map<String, String> texts, String where) throws McpFailure {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            out.put(e.getKey(), expand(e.getValue(), where));
        }
        return out;
    }
}
