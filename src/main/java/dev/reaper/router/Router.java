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
 * Sends a request to the candidate models by a {@link Strategy} ({@code cascade} unless told otherwise),
 * after its {@link Selector}s have ordered them. Each model is retried on transient failures with
 * backoff (honouring Retry-After), skipped while its circuit breaker is open, and charged to the budget,
 * which is checked before each request. Nothing is retried once the caller has seen output. Every
 * attempt's usage and cost, and every decision, is reported to the observer.
 */
public final class Router {

    /** A response and the model that produced it. */
    public record Routed(ChatResponse response, ModelRef model) {}

    /** How requests are routed: the strategy, and the selectors that order candidates for it. */
    public record Policy(Strategy strategy, List<Selector> selectors) {
        public Policy {
            selectors = List.copyOf(selectors);
        }
    }

    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    static final int EXPECTED_OUTPUT_TOKENS = 2_000;

    private final Map<String, ProviderAdapter> adapters;
    private final ProviderDirectory providers;
    private final HttpProviderClient http;
    private final ModelCatalog catalog;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Policy policy;
    private final CircuitBreakers breakers;
    private final LatencyStats latency;
    private final KeyRotation keys = new KeyRotation();
    private volatile Caching caching = Caching.OFF;

    public Router(Map<String, ProviderAdapter> adaptersByWireApi, ProviderDirectory providers,
                  HttpProviderClient http, ModelCatalog catalog, RetryPolicy retry, Sleeper sleeper,
                  RandomGenerator random) {
        this(adaptersByWireApi, providers, http, catalog, retry, sleeper, random, new Policy(Cascade.INSTANCE, List.of()),
                CircuitBreakers.defaults(java.time.Clock.systemUTC()), new LatencyStats());
    }

    public Router(Map<String, ProviderAdapter> adaptersByWireApi, ProviderDirectory providers,
                  HttpProviderClient http, ModelCatalog catalog, RetryPolicy retry, Sleeper sleeper,
                  RandomGenerator random, Policy policy, CircuitBreakers breakers, LatencyStats latency) {
        this.adapters = Map.copyOf(adaptersByWireApi);
        this.providers = providers;
        this.http = http;
        this.catalog = catalog;
        this.retry = retry;
        this.sleeper = sleeper;
        this.random = random;
        this.policy = policy;
        this.breakers = breakers;
        this.latency = latency;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public ProviderDirectory providers() {
        return providers;
    }

    public Policy policy() {
        return policy;
    }

    public LatencyStats latency() {
        return latency;
    }

    public CircuitBreakers breakers() {
        return breakers;
    }

    /** Answers requests from a response cache and shares identical ones in flight, as configured. */
    public Router withCaching(Caching caching) {
        this.caching = caching;
        return this;
    }

    public Optional<ProviderAdapter> adapter(String wireApi) {
        return Optional.ofNullable(adapters.get(wireApi));
    }

    /** Routes by the router's own policy. */
    public Routed chat(List<ModelRef> candidates, ChatRequest request, StreamListener listener,
                       BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        return chat(policy, candidates, request, listener, budget, observer, cancel);
    }

    public Routed chat(Policy policy, List<ModelRef> candidates, ChatRequest request, StreamListener listener,
                       BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no model to send the request to");
        }
        Caching c = caching;
        if (c.enabled()) {
            return c.answer(candidates, request, listener, observer, cancel, catalog,
                    () -> route(policy, candidates, request, listener, budget, observer, cancel));
        }
        return route(policy, candidates, request, listener, budget, observer, cancel);
    }

    private Routed route(Policy policy, List<ModelRef> candidates, ChatRequest request, StreamListener listener,
                         BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        List<ModelRef> order = List.copyOf(new java.util.LinkedHashSet<>(candidates));
        StringBuilder why = new StringBuilder();
        for (Selector s : policy.selectors()) {
            order = s.order(order, request, why);
        }
        order = skippingOpenBreakers(order, why);
        List<ModelRef> ordered = order;
        if (!why.isEmpty()) {
            LOG.fine(() -> "routing " + policy.strategy().name() + " over " + ordered + ": " + why);
        }
        Routed routed = policy.strategy().route(new Sender(budget, observer, order.size() > 1), order, request, listener,
                cancel);
        for (Selector s : policy.selectors()) {
            s.served(request, routed.model());
        }
        return routed;
    }

    /**
     * The candidates whose breakers are closed or ready to probe; when every one is cooling down, all
     * of them (the request then fails at once, saying so).
     */
    private List<ModelRef> skippingOpenBreakers(List<ModelRef> order, StringBuilder why) {
        if (order.size() < 2) {
            return order;
        }
        List<ModelRef> open = order.stream().filter(m -> !breakers.allows(m)).toList();
        if (open.isEmpty() || open.size() == order.size()) {
            return order;
        }
        why.append(why.isEmpty() ? "" : "; ").append("skipping ").append(open).append(" (circuit open)");
        return order.stream().filter(breakers::allows).toList();
    }

    /** The dispatch a strategy sends through, bound to one request's budget and observer. */
    private final class Sender implements Dispatch {
        private final BudgetGuard budget;
        private final RouterObserver observer;
        private final boolean breakersApply;

        Sender(BudgetGuard budget, RouterObserver observer, boolean breakersApply) {
            this.budget = budget;
            this.observer = observer;
            this.breakersApply = breakersApply;
        }

        @Override
        public ChatResponse send(ModelRef model, ChatRequest request, StreamListener listener, Cancellation cancel) {
            if (breakersApply && !breakers.tryAcquire(model)) {
                throw new ProviderException(ProviderException.Kind.OVERLOADED, model.provider(),
                        model + " is cooling down after repeated failures (circuit breaker open)");
            }
            try {
                ChatResponse r = withRetries(model, request, listener, budget, observer, cancel);
                breakers.success(model);
                return r;
            } catch (ProviderException e) {
                breakers.failure(model, e.kind());
                throw e;
            } catch (RuntimeException e) {
                breakers.failure(model, ProviderException.Kind.CANCELLED);
                throw e;
            }
        }

        @Override
        public boolean available(ModelRef model) {
            return !breakersApply || breakers.allows(model);
        }

        @Override
        public LatencyStats latency() {
            return latency;
        }

        @Override
        public void decided(RouterObserver.Decision decision) {
            LOG.fine(() -> decision.strategy() + ": " + decision.served() + " served (" + decision.reason() + ")"
                    + (decision.cancelled().isEmpty() ? "" : "; cancelled " + decision.cancelled()));
            observer.decided(decision);
        }

        @Override
        public void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {
            observer.fallingBack(from, to, cause);
        }
    }

    /** The request with its output limit lowered to what the model can produce, when the catalog knows. */
    private ChatRequest fitted(ChatRequest request, ModelRef model) {
        long max = catalog.find(model).map(ModelInfo::maxOutput).orElse(0L);
        if (max <= 0 || request.maxTokens() <= max) {
            return request;
        }
        return new ChatRequest(request.system(), request.messages(), request.tools(), (int) max, request.sessionId());
    }

    private ChatResponse withRetries(ModelRef model, ChatRequest request, StreamListener listener,
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
    public ChatResponse complete(ModelRef model, FimRequest request, StreamListener listener, BudgetGuard budget,
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
    public float[] embed(ModelRef model, String text, java.time.Duration timeout) {
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
        ProviderEndpoint endpoint = keys.current(configured);
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
            if (failure.kind() == ProviderException.Kind.RATE_LIMIT && !shown && keys.rotate(configured, keysTried)) {
                keysTried++;
                endpoint = keys.current(configured);
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
