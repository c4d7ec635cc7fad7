package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One model's request, from the endpoint and key to the finished response: the call made by the adapter,
 * the budget reserved and settled, the stream read by the HTTP client, retries with backoff on transient
 * failures (none once output was shown), the next key on a rate limit, and the usage, cost, savings and
 * time to first token reported. Which model, and what to do when it fails, is the router's business.
 */
final class ModelCalls {

    private static final Logger LOG = Logger.getLogger(ModelCalls.class.getName());
    static final int EXPECTED_OUTPUT_TOKENS = 2_000;

    private final Map<String, ProviderAdapter> adapters;
    private final ProviderDirectory providers;
    private final HttpProviderClient http;
    private final ModelCatalog catalog;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LatencyStats latency;
    private final KeyRotation keys = new KeyRotation();

    ModelCalls(Map<String, ProviderAdapter> adapters, ProviderDirectory providers, HttpProviderClient http,
               ModelCatalog catalog, RetryPolicy retry, Sleeper sleeper, RandomGenerator random, LatencyStats latency) {
        this.adapters = adapters;
        this.providers = providers;
        this.http = http;
        this.catalog = catalog;
        this.retry = retry;
        this.sleeper = sleeper;
        this.random = random;
        this.latency = latency;
    }

    /** The request with its output limit lowered to what the model can produce, when the catalog knows. */
    private ChatRequest fitted(ChatRequest request, ModelRef model) {
        long max = catalog.find(model).map(ModelInfo::maxOutput).orElse(0L);
        if (max <= 0 || request.maxTokens() <= max) {
            return request;
        }
        return new ChatRequest(request.system(), request.messages(), request.tools(), (int) max, request.sessionId());
    }

    /** Sends a chat request to one model, with its retries. */
    ChatResponse send(ModelRef model, ChatRequest request, StreamListener listener,
                      BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        ChatRequest fitted = fitted(request, model);
        return withRetries(model, (adapter, endpoint) -> adapter.chatCall(endpoint, model.model(), fitted),
                fitted.maxTokens(), listener, budget, observer, cancel);
    }

    /** Makes one provider call for an endpoint (with the key in turn). */
    @FunctionalInterface
    private interface CallMaker {
        HttpCall make(ProviderAdapter adapter, ProviderEndpoint endpoint);
    }

    /**
     * A fill-in-the-middle completion: the text that goes between {@code prefix} and {@code suffix}, from a
     * model whose API has one (Mistral's Codestral), with the retries, budget and accounting of any request.
     */
    ChatResponse complete(ModelRef model, FimRequest request, StreamListener listener, BudgetGuard budget,
                                 RouterObserver observer, Cancellation cancel) {
        return withRetries(model, (adapter, endpoint) -> adapter.fimCall(endpoint, model.model(), request)
                .orElseThrow(() -> new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(),
                        endpoint.name() + " has no fill-in-the-middle completion API: use a Mistral model such as"
                                + " mistral/codestral-latest")), request.maxTokens(), listener, budget, observer, cancel);
    }

    /**
     * The embedding of {@code text} by an embeddings model ({@code openai/text-embedding-3-small},
     * {@code ollama/nomic-embed-text}): one plain request, no retries.
     */
    float[] embed(ModelRef model, String text, java.time.Duration timeout) {
        ProviderEndpoint endpoint = keys.current(providers.find(model.provider()).orElseThrow(() ->
                new ProviderException(ProviderException.Kind.CONFIG, model.provider(),
                        "unknown provider '" + model.provider() + "' for embeddings")));
        ProviderAdapter adapter = adapters.get(endpoint.wireApi());
        HttpCall call = adapter == null ? null : adapter.embedCall(endpoint, model.model(), List.of(text)).orElse(null);
        if (call == null) {
            throw new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(), endpoint.name()
                    + " has no embeddings API: use an OpenAI-compatible or Ollama embeddings model");
        }
        try {
            HttpProviderClient.Fetched f = http.fetch(call, timeout);
            if (f.status() / 100 != 2) {
                throw adapter.error(endpoint.name(), f.status(), f.headers(), f.body());
            }
            List<float[]> vectors = adapter.parseEmbeddings(f.body());
            if (vectors.isEmpty()) {
                throw new ProviderException(ProviderException.Kind.MALFORMED_STREAM, endpoint.name(),
                        endpoint.name() + " answered the embeddings request without a vector");
            }
            return vectors.get(0);
        } catch (java.io.IOException e) {
            throw new ProviderException(ProviderException.Kind.NETWORK, endpoint.name(), 0,
                    endpoint.name() + " embeddings request failed: " + e.getMessage(), null);
        }
    }

    private ChatResponse withRetries(ModelRef model, CallMaker maker, int maxTokens, StreamListener listener,
                                     BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        ProviderEndpoint configured = providers.find(model.provider()).orElseThrow(() ->
                new ProviderException(ProviderException.Kind.CONFIG, model.provider(),
                        "unknown provider '" + model.provider() + "' in model " + model + ": "
                                + providers.setupHint(model.provider())));
        int turn = keys.turn(configured);
        ProviderEndpoint endpoint = keys.at(configured, turn);
        ProviderAdapter adapter = adapters.get(endpoint.wireApi());
        if (adapter == null) {
            throw new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(),
                    "provider " + endpoint.name() + " uses wire_api '" + endpoint.wireApi()
                            + "', which this Reaper does not speak (use one of " + adapters.keySet() + ")");
        }
        if (endpoint.apiKey().isEmpty() && endpoint.keySource() != null) {
            throw new ProviderException(ProviderException.Kind.AUTH, endpoint.name(),
                    "no API key for " + endpoint.name() + ": " + providers.setupHint(endpoint.name()));
        }
        HttpCall call = maker.make(adapter, endpoint);
        HttpCall first = call;
        LOG.fine(() -> "request to " + model + ": " + first.method() + " " + first.url() + " (" + first.body().length
                + " bytes)");
        Optional<Pricing> pricing = catalog.find(model).flatMap(ModelInfo::pricing);
        // the prompt estimated at 4 bytes a token, plus a typical answer (the full output limit would refuse
        // most requests under small budgets for tokens that are rarely produced)
        long outputAllowance = Math.min(maxTokens, EXPECTED_OUTPUT_TOKENS);
        double estimate = pricing.map(p -> (p.input() * (first.body().length / 4.0) + p.output() * outputAllowance)
                / 1_000_000.0).orElse(0.0);
        int keysTried = 1;
        for (int attempt = 0; ; attempt++) {
            if (cancel.isCancelled()) {
                throw new ProviderException(ProviderException.Kind.CANCELLED, endpoint.name(), "cancelled");
            }
            BudgetGuard.Reservation reservation = budget.reserve(estimate);
            long start = System.nanoTime();
            AtomicLong firstAt = new AtomicLong(-1); // read by the HTTP watchdog thread too
            StreamListener timed = e -> {
                firstAt.compareAndSet(-1, System.nanoTime());
                listener.onEvent(e);
            };
            ResponseAssembler assembler = new ResponseAssembler(endpoint.name(), timed);
            ChatResponse response = null;
            ProviderException failure;
            try {
                // each retry is a call made afresh: a signed one (Bedrock's) carries the time it was made, and
                // credentials fetched per attempt (Vertex's access token) may have been renewed
                HttpCall fresh = attempt == 0 ? call : maker.make(adapter, endpoint);
                HttpCall sent = fresh.withHeaders(adapter.credentialHeaders(endpoint, cancel));
                response = http.stream(adapter, endpoint, sent, assembler, () -> firstAt.get() >= 0, cancel);
                failure = response.error() != null ? response.error().withPartial(response)
                        : response.complete() ? null
                        : new ProviderException(ProviderException.Kind.NETWORK, endpoint.name(),
                                endpoint.name() + " ended the stream before the response was complete")
                                .withPartial(response);
            } catch (ProviderException e) {
                failure = e;
                response = e.partial();
            } catch (RuntimeException | Error unforeseen) {
                reservation.settle(0); // a call that could not even be made costs nothing, and holds nothing
                throw unforeseen;
            }
            Usage usage = response == null ? Usage.ZERO : response.usage();
            double cost = pricing.map(p -> p.cost(usage)).orElse(0.0);
            reservation.settle(cost);
            long now = System.nanoTime();
            long ttft = firstAt.get() < 0 ? -1 : (firstAt.get() - start) / 1_000_000;
            latency.record(model, ttft);
            double saved = pricing.map(p -> usage.cacheReadTokens() * Math.max(0, p.input() - p.cacheRead()) / 1_000_000.0)
                    .orElse(0.0);
            observer.attemptFinished(new RouterObserver.Attempt(model, usage, cost, pricing.isPresent(), ttft,
                    (now - start) / 1_000_000, failure, saved));
            if (failure == null) {
                ChatResponse done = response;
                LOG.fine(() -> model + " answered: " + done.stopReason() + ", " + usage.inputTokens() + " in / "
                        + usage.outputTokens() + " out");
                return done;
            }
            ProviderException f = failure;
            LOG.fine(() -> model + " failed (" + f.kind() + "): " + f.getMessage());
            boolean shown = firstAt.get() >= 0;
            if (failure.kind() == ProviderException.Kind.AUTH) {
                throw failure.withAdvice(providers.setupHint(endpoint.name()));
            }
            java.util.OptionalInt nextTurn = failure.kind() == ProviderException.Kind.RATE_LIMIT && !shown
                    ? keys.rotate(configured, turn, keysTried) : java.util.OptionalInt.empty();
            if (nextTurn.isPresent()) {
                keysTried++;
                turn = nextTurn.getAsInt();
                endpoint = keys.at(configured, turn);
                call = maker.make(adapter, endpoint);
                observer.retrying(model, attempt + 1, Duration.ZERO, failure.withAdvice("trying the next key"));
                continue;
            }
            if (failure.kind() == ProviderException.Kind.CANCELLED || shown || !failure.kind().isTransient()
                    || attempt >= endpoint.maxRetries() || !retry.waitIsReasonable(failure.retryAfter())) {
                throw failure;
            }
            Duration wait = retry.delay(attempt, failure.retryAfter(), random);
            observer.retrying(model, attempt + 1, wait, failure);
            if (!sleeper.sleep(wait, cancel)) {
                throw new ProviderException(ProviderException.Kind.CANCELLED, endpoint.name(), "cancelled");
            }
        }
    }
}
