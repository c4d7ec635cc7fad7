package dev.reaper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A loopback model provider speaking the wire formats Reaper uses: Anthropic ({@code /v1/messages}),
 * Chat Completions ({@code /chat/completions}, Azure's deployment paths included), Responses
 * ({@code /responses}), Gemini ({@code :streamGenerateContent}) and Ollama ({@code /api/chat}), over a real
 * HTTP/1.1 server on a real socket. Replies come from a queue first,
 * then from a conversation script indexed by how many assistant turns the request already holds, so a
 * multi-turn agent run replays the same way every time. Every request is recorded and checked for the
 * invariants a real provider enforces (every tool result answers a tool call of the turn before).
 */
public final class FakeProvider implements AutoCloseable {

    /** A request as received. Header names are lower case. */
    public record Recorded(String method, String path, Map<String, String> headers, byte[] body) {
        public JsonNode json() {
            return Json.parse(new String(body, StandardCharsets.UTF_8));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final Deque<Step> queue = new ArrayDeque<>();
    private final List<Step> conversation = new ArrayList<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<Socket> open = Collections.synchronizedSet(new HashSet<>());
    private volatile boolean closed;

    private FakeProvider(int port) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = Thread.ofPlatform().daemon().name("fake-provider").start(this::acceptLoop);
    }

    public static FakeProvider start() {
        return start(0);
    }

    public static FakeProvider start(int port) {
        try {
            return new FakeProvider(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake provider", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Replies for the next requests, in order, before the conversation script is consulted. */
    public synchronized FakeProvider enqueue(Step... steps) {
        queue.addAll(List.of(steps));
        return this;
    }

    /** The reply to a request holding N assistant turns is {@code steps[N]} (the last one beyond the end). */
    public synchronized FakeProvider conversation(Step... steps) {
        conversation.clear();
        conversation.addAll(List.of(steps));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Chat requests only (not model lists, not embeddings). */
    public List<Recorded> chatRequests() {
        return requests().stream().filter(r -> r.method().equals("POST") && !r.path().endsWith("/embeddings")
                && !r.path().equals("/api/embed")).toList();
    }

    /** How many times a client closed the connection before its answer was complete. */
    public int disconnects() {
        return disconnects.get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    private final java.util.concurrent.atomic.AtomicInteger disconnects = new java.util.concurrent.atomic.AtomicInteger();

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    violations.add("accept failed: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Recorded req = readRequest(in);
                if (req == null) {
                    return;
                }
                requests.add(req);
                try {
                    if (!respond(req, socket, out)) {
                        return;
                    }
                } catch (IOException e) {
                    disconnects.incrementAndGet(); // the client left before the answer was complete
                    throw e;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static Recorded readRequest(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Recorded(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes the reply; returns false when the connection must not be reused. */
    private boolean respond(Recorded req, Socket socket, OutputStream out) throws IOException {
        WireRenderer.Format format = formatOf(req.path());
        if (req.method().equals("GET")) {
            writeFixed(out, 200, "application/json", modelList(req.path()), Map.of());
            return true;
        }
        String bare = req.path().split("\\?", 2)[0];
        if (bare.endsWith("/embeddings") || bare.equals("/api/embed")) {
            writeFixed(out, 200, "application/json", embeddings(req.json(), bare.equals("/api/embed")), Map.of());
            return true;
        }
        if (format == null) {
            writeFixed(out, 404, "application/json", "{\"error\":{\"message\":\"no such endpoint\"}}", Map.of());
            return true;
        }
        check(format, req);
        Step step = next(format, req);
        return send(step, format, req, socket, out);
    }

    private boolean send(Step step, WireRenderer.Format format, Recorded req, Socket socket, OutputStream out)
            throws IOException {
        switch (step) {
            case Step.HttpError e -> {
                writeFixed(out, e.status(), "application/json", e.body(), e.headers());
                return true;
            }
            case Step.Raw r -> {
                writeStream(out, r.contentType(), r.body(), -1, null);
                return true;
            }
            case Step.ResetAfter r -> {
                WireRenderer.Rendered body = render(format, r.inner(), req);
                writeStream(out, body.contentType(), body.body(), r.bytes(), null);
                pause(200); // let the client read what was sent: a reset discards unread data
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            case Step.StallAfter s -> {
                WireRenderer.Rendered body = render(format, s.inner(), req);
                writeStream(out, body.contentType(), body.body(), s.bytes(), s.pause());
                return true;
            }
            case Step.Paced p -> {
                WireRenderer.Rendered body = render(format, p, req);
                long tokens = Math.max(1, p.text().length() / 4);
                writePaced(out, body.contentType(), body.body(), tokens * 1_000_000_000L / p.tokensPerSecond());
                return true;
            }
            case Step.Delayed d -> {
                if (!waitForClient(socket, d.delay())) {
                    disconnects.incrementAndGet();
                    return false;
                }
                return send(d.inner(), format, req, socket, out);
            }
            case Step.Hang h -> {
                while (!closed && !socket.isClosed()) {
                    try {
                        Thread.sleep(50);
                        if (socket.getInputStream().available() < 0) {
                            return false;
                        }
                    } catch (InterruptedException e) {
                        return false;
                    }
                }
                return false;
            }
            default -> {
                WireRenderer.Rendered body = render(format, step, req);
                writeStream(out, body.contentType(), body.body(), -1, null);
                return true;
            }
        }
    }

    /**
     * Embeddings as OpenAI or Ollama answer them, made from the words of each input (64 buckets of word
     * hashes): texts with the same words point the same way, texts with other words do not.
     */
    static String embeddings(JsonNode body, boolean ollama) {
        com.fasterxml.jackson.databind.node.ObjectNode out = dev.reaper.json.Json.object();
        com.fasterxml.jackson.databind.node.ArrayNode list = ollama ? out.putArray("embeddings") : out.putArray("data");
        JsonNode input = body.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(t -> texts.add(t.asText()));
        } else {
            texts.add(input.asText());
        }
        for (int i = 0; i < texts.size(); i++) {
            double[] v = new double[64];
            for (String w : texts.get(i).toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), 64)] += 1;
                }
            }
            com.fasterxml.jackson.databind.node.ArrayNode vec = ollama ? list.addArray()
                    : list.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            for (double x : v) {
                vec.add(x);
            }
        }
        if (!ollama) {
            out.put("object", "list").put("model", body.path("model").asText());
        }
        return dev.reaper.json.Json.write(out);
    }

    /** Waits, watching the connection; false when the client closed it meanwhile. */
    private static boolean waitForClient(Socket socket, java.time.Duration delay) throws IOException {
        long end = System.nanoTime() + delay.toNanos();
        int before = socket.getSoTimeout();
        try {
            socket.setSoTimeout(10);
            while (System.nanoTime() < end) {
                try {
                    if (socket.getInputStream().read() < 0) {
                        return false;
                    }
                } catch (java.net.SocketTimeoutException stillThere) {
                    // nothing sent and not closed: keep waiting
                } catch (IOException reset) {
                    return false;
                }
            }
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WireRenderer.Rendered render(WireRenderer.Format format, Step step, Recorded req) {
        return WireRenderer.render(format, step, Math.max(1, req.body().length / 4));
    }

    private synchronized Step next(WireRenderer.Format format, Recorded req) {
        if (!queue.isEmpty()) {
            return queue.poll();
        }
        if (conversation.isEmpty()) {
            return Step.error(500, "{\"error\":{\"message\":\"the fake provider has no scripted reply\"}}", Map.of());
        }
        int turns = assistantTurns(format, req.json());
        return conversation.get(Math.min(turns, conversation.size() - 1));
    }

    static WireRenderer.Format formatOf(String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (path.startsWith("/v1/messages")) {
            return WireRenderer.Format.ANTHROPIC;
        }
        if (path.endsWith("/chat/completions") || path.endsWith("/fim/completions")) {
            return WireRenderer.Format.OPENAI; // Mistral streams fill-in-the-middle as chat completion chunks
        }
        if (path.endsWith("/responses")) {
            return WireRenderer.Format.RESPONSES;
        }
        if (path.contains(":streamGenerateContent")) {
            return WireRenderer.Format.GEMINI;
        }
        if (path.equals("/api/chat")) {
            return WireRenderer.Format.OLLAMA;
        }
        return null;
    }

    private static String modelList(String path) {
        if (path.startsWith("/v1beta/models")) {
            return "{\"models\":[{\"name\":\"models/fake-gemini\"}]}";
        }
        if (path.startsWith("/api/tags")) {
            return "{\"models\":[{\"name\":\"fake-llama:7b\"}]}";
        }
        return "{\"data\":[{\"id\":\"fake-model\"}]}";
    }

    static int assistantTurns(WireRenderer.Format format, JsonNode body) {
        if (format == WireRenderer.Format.RESPONSES) {
            return responsesAssistantTurns(body.path("input"));
        }
        int n = 0;
        JsonNode list = format == WireRenderer.Format.GEMINI ? body.path("contents") : body.path("messages");
        for (JsonNode m : list) {
            String role = m.path("role").asText();
            if (role.equals("assistant") || role.equals("model")) {
                n++;
            }
        }
        return n;
    }

    /** Runs of model-produced items (reasoning, assistant messages, function calls) in a Responses input. */
    private static int responsesAssistantTurns(JsonNode input) {
        int n = 0;
        boolean inTurn = false;
        for (JsonNode item : input) {
            String type = item.path("type").asText();
            boolean model = type.equals("reasoning") || type.equals("function_call")
                    || (type.equals("message") && item.path("role").asText().equals("assistant"));
            n += model && !inTurn ? 1 : 0;
            inTurn = model;
        }
        return n;
    }

    /** What a real provider would reject. */
    private void check(WireRenderer.Format format, Recorded req) {
        JsonNode body;
        try {
            body = req.json();
        } catch (IllegalArgumentException e) {
            violations.add(req.path() + ": body is not JSON");
            return;
        }
        switch (format) {
            case ANTHROPIC -> {
                if (!body.has("max_tokens") || !body.has("model")) {
                    violations.add("anthropic request without model or max_tokens");
                }
                Set<String> lastCalls = new HashSet<>();
                for (JsonNode m : body.path("messages")) {
                    Set<String> calls = new HashSet<>();
                    for (JsonNode b : m.path("content")) {
                        String type = b.path("type").asText();
                        if (type.equals("tool_use")) {
                            calls.add(b.path("id").asText());
                        } else if (type.equals("tool_result") && !lastCalls.contains(b.path("tool_use_id").asText())) {
                            violations.add("anthropic tool_result without its tool_use: " + b.path("tool_use_id"));
                        } else if (type.equals("text") && b.path("text").asText().isEmpty()) {
                            violations.add("anthropic empty text block");
                        }
                    }
                    lastCalls = calls;
                }
            }
            case OPENAI -> {
                Set<String> calls = new HashSet<>();
                for (JsonNode m : body.path("messages")) {
                    for (JsonNode c : m.path("tool_calls")) {
                        calls.add(c.path("id").asText());
                    }
                    if (m.path("role").asText().equals("tool") && !calls.contains(m.path("tool_call_id").asText())) {
                        violations.add("openai tool message without its tool call: " + m.path("tool_call_id"));
                    }
                }
            }
            case RESPONSES -> {
                if (body.path("store").asBoolean(true) || !body.path("include").toString()
                        .contains("reasoning.encrypted_content")) {
                    violations.add("responses request that is stored or does not ask for encrypted reasoning");
                }
                Set<String> calls = new HashSet<>();
                for (JsonNode item : body.path("input")) {
                    String type = item.path("type").asText();
                    if (item.has("id")) {
                        violations.add("responses " + type + " item with an id, which store=false cannot resolve");
                    }
                    if (type.equals("function_call")) {
                        calls.add(item.path("call_id").asText());
                    } else if (type.equals("function_call_output") && !calls.contains(item.path("call_id").asText())) {
                        violations.add("responses function_call_output without its call: " + item.path("call_id"));
                    } else if (type.equals("reasoning") && !item.hasNonNull("encrypted_content")) {
                        violations.add("responses reasoning item without encrypted_content");
                    }
                }
            }
            case GEMINI -> {
                int pendingCalls = 0;
                for (JsonNode c : body.path("contents")) {
                    int calls = 0;
                    int responses = 0;
                    for (JsonNode p : c.path("parts")) {
                        calls += p.has("functionCall") ? 1 : 0;
                        responses += p.has("functionResponse") ? 1 : 0;
                    }
                    if (responses > 0 && responses != pendingCalls) {
                        violations.add("gemini functionResponse count " + responses + " != calls " + pendingCalls);
                    }
                    pendingCalls = calls;
                }
            }
            case OLLAMA -> {
                boolean lastHadCalls = false;
                for (JsonNode m : body.path("messages")) {
                    String role = m.path("role").asText();
                    if (role.equals("tool") && !lastHadCalls) {
                        violations.add("ollama tool message after a message without tool_calls");
                    }
                    if (!role.equals("tool")) {
                        lastHadCalls = m.has("tool_calls");
                    }
                }
            }
        }
    }

    private static void writeFixed(OutputStream out, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
        h.append("Content-Type: ").append(type).append("\r\n");
        h.append("Content-Length: ").append(b.length).append("\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    /** A chunked streaming body; stops after {@code limit} bytes when limit ≥ 0, pausing first when asked. */
    private void writeStream(OutputStream out, String type, byte[] body, int limit, java.time.Duration pause)
            throws IOException {
        String h = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n"
                + "Cache-Control: no-cache\r\n\r\n";
        out.write(h.getBytes(StandardCharsets.ISO_8859_1));
        int end = limit >= 0 ? Math.min(limit, body.length) : body.length;
        int chunk = 64;
        for (int i = 0; i < end; i += chunk) {
            int n = Math.min(chunk, end - i);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        if (pause != null) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = end; i < body.length; i += chunk) {
                int n = Math.min(chunk, body.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            end = body.length;
        }
        if (limit < 0 || pause != null) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    /** Writes the body spread evenly over {@code nanos}, in slices every 5 ms. */
    private static void writePaced(OutputStream out, String type, byte[] body, long nanos) throws IOException {
        String h = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n"
                + "Cache-Control: no-cache\r\n\r\n";
        out.write(h.getBytes(StandardCharsets.ISO_8859_1));
        long start = System.nanoTime();
        int sent = 0;
        while (sent < body.length) {
            long due = (long) ((double) (System.nanoTime() - start) / nanos * body.length);
            int n = (int) Math.min(body.length - sent, Math.max(0, due - sent));
            if (n > 0) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, sent, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sent += n;
            }
            pause(5);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 529 -> "Overloaded";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** Runs a fake on a port for benchmarks and manual runs: {@code FakeProvider PORT}, replying with the rename script. */
    public static void main(String[] args) throws Exception {
        FakeProvider fake = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        fake.conversation(Scripts.rename());
        System.out.println(fake.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

}
