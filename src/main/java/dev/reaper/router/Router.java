package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final Map<String, ProviderAdapter> adapters;
    private final ProviderDirectory providers;
    private final ModelCatalog catalog;
    private final Policy policy;
    private final CircuitBreakers breakers;
    private final LatencyStats latency;
    private final ModelCalls calls;
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
        this.catalog = catalog;
        this.policy = policy;
        this.breakers = breakers;
        this.latency = latency;
        this.calls = new ModelCalls(this.adapters, providers, http, catalog, retry, sleeper, random, latency);
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
        // a strategy's contenders report and stream from their own threads: one at a time, under one lock
        Object lock = new Object();
        StreamListener serialListener = e -> {
            synchronized (lock) {
                listener.onEvent(e);
            }
        };
        Routed routed = policy.strategy().route(new Sender(budget, serialized(observer, lock), order.size() > 1), order,
                request, serialListener, cancel);
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

    /** The observer with its calls made one at a time: the contenders of a strategy report from their threads. */
    private static RouterObserver serialized(RouterObserver o, Object lock) {
        return new RouterObserver() {
            @Override
            public void attemptFinished(Attempt attempt) {
                synchronized (lock) {
                    o.attemptFinished(attempt);
                }
            }

            @Override
            public void retrying(ModelRef model, int retry, java.time.Duration wait, ProviderException cause) {
                synchronized (lock) {
                    o.retrying(model, retry, wait, cause);
                }
            }

            @Override
            public void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {
                synchronized (lock) {
                    o.fallingBack(from, to, cause);
                }
            }

            @Override
            public void decided(Decision decision) {
                synchronized (lock) {
                    o.decided(decision);
                }
            }
        };
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
            CircuitBreakers.Permit permit = breakersApply ? breakers.acquire(model) : CircuitBreakers.Permit.GRANTED;
            if (permit == CircuitBreakers.Permit.REFUSED) {
                throw new ProviderException(ProviderException.Kind.OVERLOADED, model.provider(),
                        model + " is cooling down after repeated failures (circuit breaker open)");
            }
            boolean told = false;
            try {
                ChatResponse r = calls.send(model, request, listener, budget, observer, cancel);
                breakers.success(model);
                told = true;
                return r;
            } catch (ProviderException e) {
                breakers.failure(model, e.kind(), permit == CircuitBreakers.Permit.PROBE);
                told = true;
                throw e;
            } finally {
                if (!told && permit == CircuitBreakers.Permit.PROBE) {
                    breakers.release(model);
                }
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

    /**
     * A fill-in-the-middle completion: the text that goes between the prefix and the suffix, from a model
     * whose API has one (Mistral's Codestral), with the retries, budget and accounting of any request.
     */
    public ChatResponse complete(ModelRef model, FimRequest request, StreamListener listener, BudgetGuard budget,
                                 RouterObserver observer, Cancellation cancel) {
        return calls.complete(model, request, listener, budget, observer, cancel);
    }

    /** The embedding of {@code text} by an embeddings model: one plain request, no retries. */
    public float[] embed(ModelRef model, String text, java.time.Duration timeout) {
        return calls.embed(model, text, timeout);
    }
}
