package dev.reaper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Google OAuth token endpoint ({@code POST /token}) for a service account whose key pair it
 * makes itself: it writes the key file, checks every JWT bearer assertion it receives (RS256 signature
 * against the public key, header and claims), counts the requests and issues numbered access tokens.
 * Other paths can be served too, so a test can stand up the token endpoint and the API on one server.
 */
public final class GoogleTokenServer implements AutoCloseable {

    public static final String CLIENT_EMAIL = "reaper-test@test-project.iam.gserviceaccount.com";
    public static final String KEY_ID = "0123456789abcdef";
    public static final String PROJECT = "test-project";

    private final HttpServer server;
    private final KeyPair keys;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 3599;
    private volatile boolean refuse;
    private volatile long delayMillis;

    public GoogleTokenServer() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keys = gen.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::token);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUri() {
        return baseUrl() + "/token";
    }

    /** Serves another path (the API the token is for). */
    public GoogleTokenServer on(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** How many token requests arrived, good or bad. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** What was wrong with the assertions received; empty when every one was valid. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public GoogleTokenServer expiresIn(long seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /** Answers every token request as Google does a disabled account. */
    public GoogleTokenServer refuse() {
        this.refuse = true;
        return this;
    }

    /** Waits this long before answering a token request. */
    public GoogleTokenServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** The PEM private key, for checking that it never leaks. */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** A service-account key file pointing at this server, as the Google Cloud console writes one. */
    public Path writeKeyFile(Path dir) {
        ObjectNode key = Json.object();
        key.put("type", "service_account");
        key.put("project_id", PROJECT);
        key.put("private_key_id", KEY_ID);
        key.put("private_key", privateKeyPem());
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", "100000000000000000001");
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri());
        Path file = dir.resolve("service-account.json");
        try {
            Files.writeString(file, Json.write(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void token(HttpExchange ex) throws IOException {
        int n = tokenRequests.incrementAndGet();
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String problem = check(ex, form);
        if (problem != null) {
            problems.add(problem);
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
        } else if (refuse) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant: account not found\"}");
        } else {
            send(ex, 200, "{\"access_token\":\"ya29.test-token-" + n + "\",\"expires_in\":" + expiresIn
                    + ",\"token_type\":\"Bearer\"}");
        }
    }

    private String check(HttpExchange ex, Map<String, String> form) {
        if (!ex.getRequestMethod().equals("POST")) {
            return "not a POST";
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return "grant_type is " + form.get("grant_type");
        }
        String[] jwt = String.valueOf(form.get("assertion")).split("\\.");
        if (jwt.length != 3) {
            return "the assertion is not a JWT";
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                return "Invalid JWT Signature.";
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "unverifiable signature: " + e;
        }
        JsonNode header = Json.parse(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
        JsonNode claims = Json.parse(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        if (!header.path("alg").asText().equals("RS256") || !header.path("kid").asText().equals(KEY_ID)) {
            return "bad header " + header;
        }
        if (!claims.path("iss").asText().equals(CLIENT_EMAIL)
                || !claims.path("scope").asText().equals("https://www.googleapis.com/auth/cloud-platform")
                || !claims.path("aud").asText().equals(tokenUri())
                || claims.path("exp").asLong() - claims.path("iat").asLong() != 3600) {
            return "bad claims " + claims;
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Answers with a body, as JSON unless the exchange already has a content type. */
    public static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-type")) {
            ex.getResponseHeaders().set("content-type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
