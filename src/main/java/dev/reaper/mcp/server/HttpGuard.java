package dev.reaper.mcp.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may talk to an MCP server over the network. Against DNS rebinding, a server bound to loopback answers only
 * requests whose {@code Host} names the loopback; any server refuses a browser {@code Origin} other than the
 * loopback's or one allowed by name (403), {@code null} (sent by sandboxed frames and local files) included. With a bearer token set, every request must carry it (401).
 */
public final class HttpGuard {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** Why a request is refused: its HTTP status and a message for the client. */
    public record Refusal(int status, String message) {}

    private final boolean loopbackOnly;
    private final Optional<String> token;
    private final List<String> allowedOrigins;
    private final List<String> boundNames;

    /**
     * @param loopbackOnly whether the server is bound to the loopback (then the Host header must name it)
     * @param token the bearer token every request must carry, if any
     * @param allowedOrigins browser origins allowed besides the loopback's, as {@code scheme://host[:port]}
     */
    public HttpGuard(boolean loopbackOnly, Optional<String> token, List<String> allowedOrigins) {
        this(loopbackOnly, token, allowedOrigins, List.of());
    }

    /** @param boundNames what else the Host header may name: the address bound, as in 127.0.0.2 */
    public HttpGuard(boolean loopbackOnly, Optional<String> token, List<String> allowedOrigins,
                     List<String> boundNames) {
        this.boundNames = boundNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        this.loopbackOnly = loopbackOnly;
        this.token = token;
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .toList();
    }

    /** The refusal for a request with these headers (looked up by name), or empty when it may go on. */
    public Optional<Refusal> check(Function<String, String> header) {
        String host = header.apply("Host");
        if (loopbackOnly && (host == null || !(isLoopback(hostName(host)) || boundNames.contains(
                hostName(host).toLowerCase(Locale.ROOT))))) {
            return Optional.of(new Refusal(403, "Forbidden: Host " + host + " is not this server's (it answers"
                    + " localhost, 127.0.0.1 and [::1] only)"));
        }
        String origin = header.apply("Origin");
        if (origin != null && !originAllowed(origin)) { // "null" too: sandboxed frames and file:// pages send it
            return Optional.of(new Refusal(403, "Forbidden: Origin " + origin + " is not allowed (start the server"
                    + " with --allow-origin " + origin + " to allow it)"));
        }
        if (token.isPresent()) {
            String auth = header.apply("Authorization");
            byte[] expected = token.get().getBytes(StandardCharsets.UTF_8);
            String given = auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? auth.substring(7).strip() : "";
            if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(new Refusal(401, "Unauthorized: a bearer token is required"));
            }
        }
        return Optional.empty();
    }

    private boolean originAllowed(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) {
            return true;
        }
        try {
            URI uri = URI.create(o);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && isLoopback(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The host name of a Host header value, without its port. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
