package dev.reaper.cli;

import dev.reaper.router.HttpCall;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks each provider for its model list, all at once, with a short timeout: whether the endpoint answers,
 * whether it takes the key, how fast, and which models it serves. Used by doctor and models.
 */
final class ProviderProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * One provider's answer. {@code models} is null unless it answered 2xx; {@code problem} says what went
     * wrong otherwise, and {@code unreachable} whether it was the connection. Status 0 without
     * {@code unreachable}: the request could not be made as configured.
     */
    record Result(List<String> models, int status, long millis, String problem, boolean unreachable) {
        boolean ok() {
            return models != null;
        }
    }

    private ProviderProbe() {}

    /** Probes the endpoints that have an adapter and, when they need one, a key. */
    static Map<String, Result> probe(List<ProviderEndpoint> endpoints, Map<String, ProviderAdapter> adapters)
            throws InterruptedException {
        HttpProviderClient http = new HttpProviderClient();
        Map<String, Future<Result>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderEndpoint e : endpoints) {
                ProviderAdapter a = adapters.get(e.wireApi());
                if (a == null || (e.keySource() != null && e.apiKey().isEmpty())) {
                    continue;
                }
                futures.put(e.name(), pool.submit(() -> one(http, a, e)));
            }
            Map<String, Result> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Result>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException ex) {
                    out.put(f.getKey(), new Result(null, 0, 0, String.valueOf(ex.getCause()), false));
                }
            }
            return out;
        }
    }

    private static Result one(HttpProviderClient http, ProviderAdapter a, ProviderEndpoint e) {
        HttpCall call;
        try {
            call = a.modelsCall(e);
        } catch (ProviderException notAsked) {
            // set up too little to make the request (Bedrock without a region): nothing was sent
            return new Result(null, 0, 0, notAsked.getMessage(), false);
        }
        long t0 = System.nanoTime();
        try {
            HttpProviderClient.Fetched f = http.fetch(call, TIMEOUT);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (f.status() / 100 == 2) {
                return new Result(a.parseModels(f.body()), f.status(), ms, null, false);
            }
            return new Result(null, f.status(), ms, a.error(e.name(), f.status(), f.headers(), f.body()).getMessage(), false);
        } catch (Exception ex) {
            String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            return new Result(null, 0, (System.nanoTime() - t0) / 1_000_000, why, true);
        }
    }
}
