package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.wire.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one adapter call and streams its body through the adapter's decoder. Owns the network side of
 * a request: the connect timeout, a first-token timeout (nothing to show yet) and an idle timeout
 * (silence once the stream has begun), cancellation, and turning HTTP errors and broken connections
 * into typed {@link ProviderException}s. Never retries: that is the router's call.
 */
public final class HttpProviderClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final OkHttpClient base;
    private final ScheduledExecutorService watchdog;

    public HttpProviderClient() {
        this(new OkHttpClient.Builder()
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false)
                .build());
    }

    /** Over a client of the caller's (benchmarks answer from an interceptor, without a network). */
    public HttpProviderClient(OkHttpClient base) {
        this.base = base;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reaper-http-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends a plain request and returns its status and body (model lists, health checks). */
    public Fetched fetch(HttpCall call, Duration timeout) throws IOException {
        OkHttpClient client = base.newBuilder().connectTimeout(timeout).callTimeout(timeout).build();
        try (Response r = client.newCall(request(call)).execute()) {
            byte[] body = r.body().byteStream().readNBytes(8 * MAX_ERROR_BODY);
            return new Fetched(r.code(), body, r.headers().toMultimap());
        }
    }

    public record Fetched(int status, byte[] body, Map<String, java.util.List<String>> headers) {}

    /**
     * Streams a chat call. Returns the assembled response, which may carry an error the provider sent
     * inside the stream; throws for HTTP errors, timeouts, cancellation and broken connections, with
     * whatever was received attached as {@link ProviderException#partial()}.
     */
    public ChatResponse stream(ProviderAdapter adapter, ProviderEndpoint endpoint, HttpCall httpCall,
                               ResponseAssembler assembler, Progress progress, Cancellation cancel) {
        String provider = endpoint.name();
        Timeouts t = endpoint.timeouts();
        OkHttpClient client = base.newBuilder().connectTimeout(t.connect()).build();
        Call call = client.newCall(request(httpCall));
        Watch watch = new Watch(call, t, progress);
        ScheduledFuture<?> ticking = watchdog.scheduleAtFixedRate(watch, watch.period, watch.period,
                TimeUnit.MILLISECONDS);
        try (Cancellation.Registration ignored = cancel.onCancel(call::cancel)) {
            try (Response response = call.execute()) {
                if (!response.isSuccessful()) {
                    byte[] body = response.body().byteStream().readNBytes(MAX_ERROR_BODY);
                    throw adapter.error(provider, response.code(), response.headers().toMultimap(), body);
                }
                ResponseBody body = response.body();
                try {
                    if (isWholeJson(body)) {
                        // A server that ignored "stream": true answers with one JSON document.
                        byte[] whole = body.byteStream().readNBytes(64 * MAX_ERROR_BODY);
                        watch.bytes();
                        adapter.decodeBody(whole, assembler);
                        return assembler.finishStream();
                    }
                    StreamDecoder decoder = adapter.decoder(assembler);
                    byte[] buf = new byte[8192];
                    try (InputStream in = body.byteStream()) {
                        int n;
                        while ((n = in.read(buf)) != -1) {
                            watch.bytes();
                            decoder.feed(buf, 0, n);
                            if (assembler.hasError()) {
                                break;
                            }
                        }
                    }
                    decoder.end();
                    return assembler.finishStream();
                } catch (RuntimeException broken) {
                    // input no adapter foresaw must end this response, not the whole run
                    throw new ProviderException(ProviderException.Kind.MALFORMED_STREAM, provider, 0,
                            provider + " sent a response Reaper could not read (" + broken + ")", null)
                            .withPartial(assembler.finishStream());
                }
            }
        } catch (IOException e) {
            ProviderException failure;
            if (cancel.isCancelled()) {
                failure = new ProviderException(ProviderException.Kind.CANCELLED, provider, "cancelled");
            } else if (watch.timedOut != null) {
                failure = new ProviderException(ProviderException.Kind.TIMEOUT, provider, 0,
                        provider + " timed out: " + watch.timedOut, null);
            } else {
                failure = new ProviderException(ProviderException.Kind.NETWORK, provider, 0,
                        provider + " connection failed (" + endpoint.baseUrl() + "): " + describe(e), null);
            }
            throw failure.withPartial(assembler.finishStream());
        } finally {
            ticking.cancel(false);
        }
    }

    private static boolean isWholeJson(ResponseBody body) {
        MediaType type = body.contentType();
        return type != null && type.subtype().equalsIgnoreCase("json");
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    private static Request request(HttpCall call) {
        Request.Builder b = new Request.Builder().url(call.url());
        call.headers().forEach(b::header);
        if (!call.headers().containsKey("user-agent")) {
            b.header("user-agent", "reaper/" + Version.get());
        }
        if (call.body() != null) {
            b.method(call.method(), RequestBody.create(call.body(), JSON));
        } else {
            b.method(call.method(), null);
        }
        return b.build();
    }

    /** Tells the client whether the response has shown anything yet (first-token timeout vs idle timeout). */
    @FunctionalInterface
    public interface Progress {
        boolean started();
    }

    private static final class Watch implements Runnable {
        final Call call;
        final long firstTokenNanos;
        final long idleNanos;
        final long period;
        final Progress progress;
        final long startedAt = System.nanoTime();
        volatile long lastBytes = System.nanoTime();
        /** Any body bytes, keep-alives included, show the server is working: the idle timeout applies then. */
        volatile boolean receivedBytes;
        volatile String timedOut;

        Watch(Call call, Timeouts t, Progress progress) {
            this.call = call;
            this.progress = progress;
            this.firstTokenNanos = t.firstToken().toNanos();
            this.idleNanos = t.idle().toNanos();
            long shortest = Math.min(t.firstToken().toMillis(), t.idle().toMillis());
            this.period = Math.max(10, Math.min(1000, shortest / 10));
        }

        void bytes() {
            lastBytes = System.nanoTime();
            receivedBytes = true;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (!progress.started() && !receivedBytes) {
                if (now - startedAt > firstTokenNanos) {
                    timedOut = "no response within " + Duration.ofNanos(firstTokenNanos).toMillis() + " ms";
                    call.cancel();
                }
            } else if (now - lastBytes > idleNanos) {
                timedOut = "the stream was silent for " + Duration.ofNanos(idleNanos).toMillis() + " ms";
                call.cancel();
            }
        }
    }
}
