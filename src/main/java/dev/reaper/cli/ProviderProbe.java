package dev.reaper.cli;

import dev.reaper.router.HttpCall;
import dev.reaper.protocol.Cancellation;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Asks each provider for its model list, all at once, with a short timeout: whether the endpoint answers,
 * whether it takes the credentials, how fast, and which models it serves. A provider whose API lists no
 * models is asked for its credentials only. Used by doctor and models.
 */
final class ProviderProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * One provider's answer. {@code models} is null unless it answered 2xx, and empty when its API has no
     * list ({@code listed} false); {@code problem} says what went wrong otherwise, {@code unreachable}
     * whether it was the connection and {@code rejected} whether the credentials were refused. Status 0
     * and neither: the request could not be made as configured.
     */
    record Result(List<String> models, boolean listed, int status, long millis, String problem, boolean unreachable,
                  boolean rejected) {
        boolean ok() {
            return models != null;
        }

        static Result failed(int status, long millis, String problem, boolean unreachable, boolean rejected) {
            return new Result(null, false, status, millis, problem, unreachable, rejected);
        }
    }

    private ProviderProbe() {}

    /** Probes the endpoints that have an adapter; the caller leaves out those not configured. */
    static Map<String, Result> probe(List<ProviderEndpoint> endpoints, Map<String, ProviderAdapter> adapters)
            throws InterruptedException {
        HttpProviderClient http = new HttpProviderClient();
        Map<String, Future<Result>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderEndpoint e : endpoints) {
                ProviderAdapter a = adapters.get(e.wireApi());
                if (a == null) {
                    continue;
                }
                futures.put(e.name(), pool.submit(() -> one(http, a, e)));
            }
            Map<String, Result> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Result>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException ex) {
                    out.put(f.getKey(), Result.failed(0, 0, String.valueOf(ex.getCause()), false, false));
                }
            }
            return out;
        }
    }

    private static Result one(HttpProviderClient http, ProviderAdapter a, ProviderEndpoint e) {
        HttpCall call = null;
        if (a.listsModels()) {
            try {
                call = a.modelsCall(e);
            } catch (ProviderException notAsked) {
                // set up too little to make the request (Bedrock without a region): nothing was sent
                return Result.failed(0, 0, notAsked.getMessage(), false, false);
            }
        }
        long t0 = System.nanoTime();
        Cancellation giveUp = new Cancellation();
        CompletableFuture.runAsync(giveUp::cancel,
                CompletableFuture.delayedExecutor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        try {
            Map<String, String> credentials = a.credentialHeaders(e, giveUp);
            if (call == null) {
                return new Result(List.of(), false, 0, millisSince(t0), null, false, false);
            }
            HttpProviderClient.Fetched f = http.fetch(call.withHeaders(credentials), TIMEOUT);
            long ms = millisSince(t0);
            if (f.status() / 100 == 2) {
                return new Result(a.parseModels(f.body()), true, f.status(), ms, null, false, false);
            }
            ProviderException refused = a.error(e.name(), f.status(), f.headers(), f.body());
            return Result.failed(f.status(), ms, refused.getMessage(), false,
                    refused.kind() == ProviderException.Kind.AUTH || f.status() == 401 || f.status() == 403);
        } catch (ProviderException ex) {
            // the credentials could not be had: a missing or refused key file, an unreachable token endpoint
            if (giveUp.isCancelled()) {
                return Result.failed(0, millisSince(t0), "no answer within " + TIMEOUT.toMillis() + " ms", true, false);
            }
            boolean network = ex.kind() == ProviderException.Kind.NETWORK || ex.kind() == ProviderException.Kind.TIMEOUT;
            return Result.failed(ex.httpStatus(), millisSince(t0), ex.getMessage(), network,
                    ex.kind() == ProviderException.Kind.AUTH);
        } catch (Exception ex) {
            String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            return Result.failed(0, millisSince(t0), why, true, false);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
