package dev.reaper.router;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The cache key of a request: a SHA-256 of its normalised form. Tool-call ids (random per session) are
 * replaced by their order of appearance, line ends are made {@code \n} and trailing spaces of text are
 * dropped, so the same conversation asked again hashes alike; the session id is left out. Fed straight
 * into the digest, without building a copy of the prompt.
 */
public final class RequestKey {

    private RequestKey() {}

    public static String of(List<ModelRef> candidates, ChatRequest request) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Integer> ids = new HashMap<>();
        put(d, "v1");
        put(d, candidates.toString());
        text(d, request.system());
        put(d, Integer.toString(request.maxTokens()));
        for (ToolSpec t : request.tools()) {
            put(d, t.name());
            put(d, t.description());
            put(d, t.inputSchemaJson());
        }
        for (Message m : request.messages()) {
            put(d, m.role().name());
            for (ContentBlock b : m.content()) {
                switch (b) {
                    case ContentBlock.Text t -> {
                        put(d, "t");
                        text(d, t.text());
                    }
                    case ContentBlock.Image i -> {
                        put(d, "i");
                        put(d, i.mediaType());
                        put(d, i.base64Data());
                    }
                    case ContentBlock.ToolUse u -> {
                        put(d, "u");
                        put(d, id(ids, u.id()));
                        put(d, u.name());
                        put(d, u.argumentsJson());
                    }
                    case ContentBlock.ToolResult r -> {
                        put(d, "r");
                        put(d, id(ids, r.toolUseId()));
                        text(d, r.content());
                        put(d, Boolean.toString(r.isError()));
                    }
                    default -> put(d, b.getClass().getSimpleName()); // reasoning: its text is the model's, not the ask
                }
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String id(Map<String, Integer> ids, String id) {
        return "#" + ids.computeIfAbsent(id == null ? "" : id, k -> ids.size());
    }

    private static void text(MessageDigest d, String s) {
        if (s == null) {
            put(d, "");
            return;
        }
        String t = s.indexOf('\r') >= 0 ? s.replace("\r\n", "\n") : s;
        int end = t.length();
        while (end > 0 && Character.isWhitespace(t.charAt(end - 1))) {
            end--;
        }
        put(d, t.substring(0, end));
    }

    private static void put(MessageDigest d, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        d.update((byte) (b.length >>> 24));
        d.update((byte) (b.length >>> 16));
        d.update((byte) (b.length >>> 8));
        d.update((byte) b.length);
        d.update(b);
    }
}
