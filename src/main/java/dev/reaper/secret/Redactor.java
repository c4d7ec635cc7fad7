package dev.reaper.secret;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for logs, transcripts, error messages and diagnostics: every credential
 * Reaper loaded, plus strings shaped like well-known API keys and bearer tokens.
 */
public final class Redactor {

    private static final Redactor GLOBAL = new Redactor();

    private static final Pattern KEY_SHAPES = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])"                  // starts a token: task-definitions-prod holds no key
            + "(sk-ant-[A-Za-z0-9_\\-]{8,}"           // Anthropic
            + "|sk-(?:proj-|svcacct-)?[A-Za-z0-9_\\-]{16,}" // OpenAI and compatible
            + "|AIza[0-9A-Za-z_\\-]{30,}"             // Google
            + "|xai-[A-Za-z0-9]{20,}"                 // xAI
            + "|gsk_[A-Za-z0-9]{20,}"                 // Groq
            + "|(?:AKIA|ASIA)[A-Z0-9]{16}"            // AWS access key ids
            + "|gh[pousr]_[A-Za-z0-9]{20,})");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]{8,}");
    public static final String MASK = "[REDACTED]";

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public static Redactor global() {
        return GLOBAL;
    }

    /** Remembers a secret value; values too short to be credentials are ignored. */
    public void register(String value) {
        if (value != null && value.length() >= 8) {
            known.add(value);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : known) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        Matcher m = KEY_SHAPES.matcher(out);
        if (m.find()) {
            out = m.replaceAll(MASK);
        }
        Matcher b = BEARER.matcher(out);
        if (b.find()) {
            out = b.replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        return out;
    }
}
