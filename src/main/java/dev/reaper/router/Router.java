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
 * Sends a request to the first candidate model that answers. Each candidate is retried on transient
 * failures with backoff (honouring Retry-After); when its retries are spent, or its failure is one
 * another model may not share (context window, content policy), the next candidate is tried
 * ({@code cascade}). Nothing is retried once the caller has seen output. Every attempt's usage and cost
 * is reported to the observer and charged to the budget, which is checked before each request.
 */
public final class Router {

    /** A response and the model that produced it. */
    public record Routed(ChatResponse response, ModelRef model) {}

    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    static final int EXPECTED_OUTPUT_TOKENS = 2_000;

    private final Map<String, ProviderAdapter> adapters;
    private final ProviderDirectory providers;
    private final HttpProviderClient http;
    private final ModelCatalog catalog;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Router(Map<String, ProviderAdapter> adaptersByWireApi, ProviderDirectory providers,
                  HttpProviderClient http, ModelCatalog catalog, RetryPolicy retry, Sleeper sleeper,
                  RandomGenerator random) {
        this.adapters = Map.copyOf(adaptersByWireApi);
        this.providers = providers;
        this.http = http;
        this.catalog = catalog;
        this.retry = retry;
        this.sleeper = sleeper;
        this.random = random;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public ProviderDirectory providers() {
        return providers;
    }

    public Optional<ProviderAdapter> adapter(String wireApi) {
        return Optional.ofNullable(adapters.get(wireApi));
    }

    public Routed chat(List<ModelRef> candidates, ChatRequest request, StreamListener listener,
                       BudgetGuard budget, RouterObserver observer, Cancellation cancel) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no model to send the request to");
        }
        for (int c = 0; ; c++) {
            ModelRef model = candidates.get(c);
            try {
                return new Routed(withRetries(model, request, listener, budget, observer, cancel), model);
            } catch (ProviderException e) {
                boolean more = c + 1 < candidates.size();
                boolean sawOutput = e.partial() != null && shown(e.partial());
                if (!more || sawOutput || !cascades(e.kind())) {
                    throw e;
                }
                observer.fallingBack(model, candidates.get(c + 1), e);
            }
        }
    }

    private static boolean cascades(ProviderException.Kind kind) {
        return kind.isTransient() || kind == ProviderException.Kind.CONTEXT_LENGTH
                || kind == ProviderException.Kind.CONTENT_POLICY;
    }

    private static boolean shown(ChatResponse partial) {
        return !partial.message().content().isEmpty();
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
        ProviderEndpoint endpoint = providers.find(model.provider()).orElseThrow(() ->
                new ProviderException(ProviderException.Kind.CONFIG, model.provider(),
                        "unknown provider '" + model.provider() + "' in model " + model + ": "
                                + providers.setupHint(model.provider())));
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
        HttpCall call = adapter.chatCall(endpoint, model.model(), fitted(request, model));
        LOG.fine(() -> "request to " + model + ": " + call.method() + " " + call.url() + " (" + call.body().length
                + " bytes)");
        Optional<Pricing> pricing = catalog.find(model).flatMap(ModelInfo::pricing);
        // the prompt estimated at 4 bytes a token, plus a typical answer (the full output limit would refuse
        // most requests under small budgets for tokens that are rarely produced)
        long outputAllowance = Math.min(fitted(request, model).maxTokens(), EXPECTED_OUTPUT_TOKENS);
        double estimate = pricing.map(p -> (p.input() * (call.body().length / 4.0) + p.output() * outputAllowance)
                / 1_000_000.0).orElse(0.0);
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
                HttpCall sent = call.withHeaders(adapter.credentialHeaders(endpoint, cancel));
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
            observer.attemptFinished(new RouterObserver.Attempt(model, usage, cost, pricing.isPresent(),
                    firstAt.get() < 0 ? -1 : (firstAt.get() - start) / 1_000_000, (now - start) / 1_000_000, failure));
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
