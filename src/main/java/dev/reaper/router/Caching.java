package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.StopReason;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Answers a request without asking a provider when it can: from the response cache (exact match on the
 * {@link RequestKey}), or by sharing an identical request already in flight (the later caller waits for
 * the first one's answer). Either way the caller's listener sees the answer's events replayed. Off unless
 * configured: keying a request means hashing all of it.
 */
public final class Caching {

    public static final Caching OFF = new Caching(Optional.empty(), false);

    /**
     * The semantic cache: answers of single questions found by the embedding of the question, at a
     * similarity of at least {@code threshold}.
     */
    public record Semantic(SemanticCache store, java.util.function.Function<String, float[]> embedder,
                           double threshold) {}

    private final Optional<ResponseCache> cache;
    private final boolean shareInFlight;
    private final Optional<Semantic> semantic;
    private final ConcurrentHashMap<String, CompletableFuture<Router.Routed>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param cache          where answers are kept, or empty for no response cache
     * @param shareInFlight  whether identical requests in flight share one upstream call
     */
    public Caching(Optional<ResponseCache> cache, boolean shareInFlight) {
        this(cache, shareInFlight, Optional.empty());
    }

    public Caching(Optional<ResponseCache> cache, boolean shareInFlight, Optional<Semantic> semantic) {
        this.cache = cache;
        this.shareInFlight = shareInFlight;
        this.semantic = semantic;
    }

    boolean enabled() {
        return cache.isPresent() || shareInFlight || semantic.isPresent();
    }

    /** Routes through the cache and the requests in flight, calling {@code route} only when neither answers. */
    Router.Routed answer(List<ModelRef> candidates, ChatRequest request, StreamListener listener, RouterObserver observer,
                         Cancellation cancel, ModelCatalog catalog, Supplier<Router.Routed> route) {
        String key = RequestKey.of(candidates, request);
        if (cache.isPresent()) {
            Optional<ResponseCache.Entry> hit = cache.get().get(key);
            if (hit.isPresent()) {
                ResponseCache.Entry e = hit.get();
                replay(e.response(), listener);
                observer.answeredFromCache(e.model(), e.response().usage(), e.costUsd(), false);
                return new Router.Routed(e.response(), e.model());
            }
        }
        Optional<float[]> question = Optional.empty();
        String scope = null;
        if (semantic.isPresent() && SemanticQuestion.of(request).isPresent()) {
            scope = RequestKey.of(candidates, new ChatRequest(request.system(), List.of(), request.tools(),
                    request.maxTokens(), null));
            question = embed(semantic.get(), SemanticQuestion.of(request).get());
            if (question.isPresent()) {
                Optional<SemanticCache.Match> near = semantic.get().store().nearest(scope, question.get(),
                        semantic.get().threshold());
                if (near.isPresent()) {
                    ResponseCache.Entry e = near.get().entry();
                    replay(e.response(), listener);
                    observer.answeredFromCache(e.model(), e.response().usage(), e.costUsd(), false);
                    return new Router.Routed(e.response(), e.model());
                }
            }
        }
        if (!shareInFlight) {
            Router.Routed r = routeAndKeep(key, route, catalog);
            keepSemantic(scope, question, r, catalog);
            return r;
        }
        CompletableFuture<Router.Routed> mine = new CompletableFuture<>();
        CompletableFuture<Router.Routed> first = inFlight.putIfAbsent(key, mine);
        if (first != null) {
            Optional<Router.Routed> shared = await(first, cancel);
            if (shared.isPresent()) {
                Router.Routed r = shared.get();
                replay(r.response(), listener);
                observer.answeredFromCache(r.model(), r.response().usage(), cost(catalog, r), true);
                return r;
            }
            // the first caller failed or was cancelled: this one asks for itself
            return routeAndKeep(key, route, catalog);
        }
        try {
            Router.Routed r = routeAndKeep(key, route, catalog);
            keepSemantic(scope, question, r, catalog);
            mine.complete(r);
            return r;
        } catch (Throwable e) {
            mine.completeExceptionally(e); // the callers waiting on it ask for themselves
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Optional<float[]> embed(Semantic s, String text) {
        try {
            return Optional.of(s.embedder().apply(text));
        } catch (RuntimeException e) {
            // no embedding, no semantic lookup: the request goes on as a miss
            java.util.logging.Logger.getLogger(Caching.class.getName()).fine(() -> "no embedding: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void keepSemantic(String scope, Optional<float[]> question, Router.Routed r, ModelCatalog catalog) {
        if (scope != null && question.isPresent() && finished(r.response())) {
            semantic.get().store().put(scope, question.get(), new ResponseCache.Entry(r.model(), r.response(), cost(catalog, r)));
        }
    }

    private static boolean finished(ChatResponse resp) {
        return resp.complete() && resp.error() == null && (resp.stopReason() == StopReason.END_TURN
                || resp.stopReason() == StopReason.TOOL_USE || resp.stopReason() == StopReason.STOP_SEQUENCE);
    }

    private Router.Routed routeAndKeep(String key, Supplier<Router.Routed> route, ModelCatalog catalog) {
        Router.Routed r = route.get();
        if (finished(r.response()) && cache.isPresent()) {
            cache.get().put(key, new ResponseCache.Entry(r.model(), r.response(), cost(catalog, r)));
        }
        return r;
    }

    private static double cost(ModelCatalog catalog, Router.Routed r) {
        return catalog.find(r.model()).flatMap(ModelInfo::pricing).map(p -> p.cost(r.response().usage())).orElse(0.0);
    }

    private static Optional<Router.Routed> await(CompletableFuture<Router.Routed> first, Cancellation cancel) {
        while (!cancel.isCancelled()) {
            try {
                return Optional.of(first.get(20, TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                // check for cancellation, then wait on
            } catch (ExecutionException failed) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ProviderException(ProviderException.Kind.CANCELLED, "cache", "cancelled");
    }

    /** The events a listener would have seen had the answer streamed. */
    static void replay(ChatResponse r, StreamListener listener) {
        for (ContentBlock b : r.message().content()) {
            switch (b) {
                case ContentBlock.Reasoning x -> {
                    if (x.text() != null && !x.text().isEmpty()) {
                        listener.onEvent(new StreamEvent.ReasoningDelta(x.text()));
                    }
                }
                case ContentBlock.Text t -> listener.onEvent(new StreamEvent.TextDelta(t.text()));
                case ContentBlock.ToolUse u -> {
                    listener.onEvent(new StreamEvent.ToolCallStarted(u.id(), u.name()));
                    listener.onEvent(new StreamEvent.ToolCallCompleted(u, false));
                }
                default -> { }
            }
        }
    }
}
