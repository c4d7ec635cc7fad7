package dev.reaper.providers.bedrock;

import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.secret.Secret;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * What a configured provider means for Bedrock: its region, the runtime URL (the configured base URL, or
 * {@code https://bedrock-runtime.REGION.amazonaws.com}), the control-plane URL that lists models, and a
 * signer over its credentials. Resolving it is where missing credentials and a missing region are
 * reported, with what to set.
 */
record BedrockEndpoint(String region, String runtimeUrl, String controlUrl, SigV4Signer signer) {

    /** Both Bedrock hosts sign as service {@code bedrock}. */
    static final String SIGNING_SERVICE = "bedrock";
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    static BedrockEndpoint resolve(ProviderEndpoint endpoint, Clock clock) {
        String name = endpoint.name();
        String keyVar = endpoint.keySource() == null ? "AWS_ACCESS_KEY_ID" : endpoint.keySource();
        if (endpoint.apiKey().isEmpty()) {
            throw new ProviderException(ProviderException.Kind.AUTH, name,
                    "no AWS access key for " + name + ": set " + keyVar + " and AWS_SECRET_ACCESS_KEY");
        }
        Secret secretKey = endpoint.secret("secret_access_key").orElseThrow(() ->
                new ProviderException(ProviderException.Kind.AUTH, name,
                        name + " has an access key but no secret key: set AWS_SECRET_ACCESS_KEY"));
        String region = endpoint.option("region").map(String::strip).filter(r -> !r.isEmpty()).orElseThrow(() ->
                new ProviderException(ProviderException.Kind.CONFIG, name,
                        name + " needs an AWS region: set AWS_REGION (for example AWS_REGION=us-east-1), or region"
                                + " in [providers." + name + "] of config.toml"));
        if (!REGION.matcher(region).matches()) {
            throw new ProviderException(ProviderException.Kind.CONFIG, name,
                    "'" + region + "' is not an AWS region name (such as us-east-1): check AWS_REGION or region in"
                            + " [providers." + name + "]");
        }
        SigV4Signer.Credentials credentials = new SigV4Signer.Credentials(endpoint.keyValue(), secretKey,
                endpoint.secret("session_token"));
        boolean custom = !endpoint.baseUrl().isEmpty();
        // A custom endpoint (a proxy, a private link) is asked for both: Bedrock itself splits them over two hosts.
        String runtime = custom ? endpoint.baseUrl() : "https://bedrock-runtime." + region + ".amazonaws.com";
        String control = custom ? endpoint.baseUrl() : "https://bedrock." + region + ".amazonaws.com";
        return new BedrockEndpoint(region, runtime, control,
                new SigV4Signer(credentials, region, SIGNING_SERVICE, clock));
    }
}
