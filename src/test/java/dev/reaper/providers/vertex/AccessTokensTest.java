package dev.reaper.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ProviderException;
import dev.reaper.secret.Secret;
import dev.reaper.testing.GoogleTokenServer;
import dev.reaper.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service-account keys read, assertions signed, tokens fetched once, kept, renewed, refused and cut short. */
class AccessTokensTest {

    @TempDir
    Path dir;

    final GoogleTokenServer google = new GoogleTokenServer();
    final TestClock clock = new TestClock();

    @AfterEach
    void stop() {
        google.close();
    }

    AccessTokens tokens(Duration timeout) {
        return new AccessTokens("vertex", ServiceAccountKey.read("vertex", google.writeKeyFile(dir)), clock, timeout);
    }

    AccessTokens tokens() {
        return tokens(Duration.ofSeconds(10));
    }

    @Test
    void aSignedAssertionIsTradedForATokenThatIsKeptUntilShortlyBeforeItExpires() {
        AccessTokens tokens = tokens();

        Secret first = tokens.token(new Cancellation());
        assertThat(first.reveal()).isEqualTo("ya29.test-token-1");
        assertThat(tokens.token(new Cancellation()).reveal()).isEqualTo("ya29.test-token-1");
        clock.advance(Duration.ofSeconds(3000));
        assertThat(tokens.token(new Cancellation()).reveal()).as("still 10 minutes to go").isEqualTo("ya29.test-token-1");
        assertThat(google.tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(400));
        assertThat(tokens.token(new Cancellation()).reveal()).as("under 5 minutes left").isEqualTo("ya29.test-token-2");
        assertThat(google.tokenRequests()).isEqualTo(2);
        assertThat(google.problems()).isEmpty();
    }

    @Test
    void aShortLivedTokenIsRenewedHalfwayThroughItsLife() {
        google.expiresIn(120);
        AccessTokens tokens = tokens();

        tokens.token(new Cancellation());
        clock.advance(Duration.ofSeconds(59));
        tokens.token(new Cancellation());
        assertThat(google.tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token(new Cancellation()).reveal()).isEqualTo("ya29.test-token-2");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        google.delay(200);
        AccessTokens tokens = tokens();
        List<Future<String>> got = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> tokens.token(new Cancellation()).reveal()));
            }
            for (Future<String> f : got) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("ya29.test-token-1");
            }
        }
        assertThat(google.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefusedKeyIsAnAuthFailureThatShowsNeitherKeyNorAssertion() {
        google.refuse();
        AccessTokens tokens = tokens();

        assertThatThrownBy(() -> tokens.token(new Cancellation()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(GoogleTokenServer.CLIENT_EMAIL).contains(google.tokenUri())
                            .contains("invalid_grant: Invalid grant: account not found")
                            .doesNotContain("PRIVATE KEY").doesNotContain("eyJ");
                });
        assertThatThrownBy(() -> tokens.token(new Cancellation())).as("a refusal is not remembered as a token")
                .isInstanceOf(ProviderException.class);
        assertThat(google.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aSlowTokenEndpointTimesOut() {
        google.delay(3_000);
        AccessTokens tokens = tokens(Duration.ofMillis(300));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> tokens.token(new Cancellation()))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cancellationStopsAFetchUnderWay() {
        google.delay(3_000);
        AccessTokens tokens = tokens();
        Cancellation cancel = new Cancellation();
        CompletableFuture.runAsync(cancel::cancel, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> tokens.token(cancel))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnreachableTokenEndpointIsANetworkFailure() {
        AccessTokens tokens = tokens();
        google.close();

        assertThatThrownBy(() -> tokens.token(new Cancellation()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.NETWORK);
                    assertThat(e.getMessage()).contains("could not reach the token endpoint " + google.tokenUri());
                });
    }

    @Test
    void theKeyNeverShowsInItsDescription() {
        ServiceAccountKey key = ServiceAccountKey.read("vertex", google.writeKeyFile(dir));

        assertThat(key.toString()).contains(GoogleTokenServer.CLIENT_EMAIL).doesNotContain("PRIVATE")
                .doesNotContain(google.privateKeyPem().substring(40, 80));
        assertThat(key.projectId()).contains(GoogleTokenServer.PROJECT);
    }

    @Test
    void everyWayAKeyFileCanBeWrongIsAnAuthFailureSayingWhatToDo() throws Exception {
        assertKeyFile(dir.resolve("missing.json"), "does not exist");
        assertKeyFile(write("not-json.json", "not json"), "is not JSON; download a JSON key");
        assertKeyFile(write("user.json", "{\"type\":\"authorized_user\",\"client_id\":\"x\",\"refresh_token\":\"r\"}"),
                "holds authorized_user credentials; Reaper needs a service-account key");
        assertKeyFile(write("partial.json", "{\"type\":\"service_account\",\"client_email\":\"a@b\"}"),
                "has no client_email or private_key");
        String badKey = "{\"client_email\":\"a@b\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nAAAAsecretish\\n"
                + "-----END PRIVATE KEY-----\\n\"}";
        assertKeyFile(write("bad-key.json", badKey), "has a private_key that is not an RSA key in PKCS#8 PEM");
        assertThatThrownBy(() -> ServiceAccountKey.read("vertex", write("bad-key2.json", badKey)))
                .hasMessageNotContaining("AAAAsecretish");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertKeyFile(Path file, String says) {
        assertThatThrownBy(() -> ServiceAccountKey.read("vertex", file))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.getMessage()).startsWith("vertex: the service-account key file " + file + " ")
                            .contains(says);
                });
    }
}
