package dev.reaper.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.router.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A Google service-account key file: the account, its RSA private key, and the endpoint that trades a
 * signed assertion for an access token. Signs those assertions (a JWT, RS256, RFC 7523). Neither the
 * key nor anything signed with it appears in {@link #toString()} or in error messages.
 */
final class ServiceAccountKey {

    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final long ASSERTION_SECONDS = 3600;
    private static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String clientEmail;
    private final PrivateKey privateKey;
    private final String privateKeyId;
    private final URI tokenUri;
    private final String projectId;

    private ServiceAccountKey(String clientEmail, PrivateKey privateKey, String privateKeyId, URI tokenUri,
                              String projectId) {
        this.clientEmail = clientEmail;
        this.privateKey = privateKey;
        this.privateKeyId = privateKeyId;
        this.tokenUri = tokenUri;
        this.projectId = projectId;
    }

    /** Reads a key file; every way it can be wrong is an AUTH failure saying what to do. */
    static ServiceAccountKey read(String provider, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw invalid(provider, file, "does not exist");
        } catch (AccessDeniedException e) {
            throw invalid(provider, file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw invalid(provider, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode json = Json.tryParse(text).filter(JsonNode::isObject).orElseThrow(() ->
                invalid(provider, file, "is not JSON; download a JSON key from IAM > Service accounts > Keys"));
        String type = Json.text(json, "type");
        if ("authorized_user".equals(type) || "external_account".equals(type)) {
            throw invalid(provider, file, "holds " + type + " credentials; Reaper needs a service-account key"
                    + " (IAM > Service accounts > Keys > Add key > JSON)");
        }
        String email = Json.text(json, "client_email");
        String pem = Json.text(json, "private_key");
        if (email == null || pem == null) {
            throw invalid(provider, file, "is not a service-account key (it has no client_email or private_key)");
        }
        String uri = Optional.ofNullable(Json.text(json, "token_uri")).orElse(DEFAULT_TOKEN_URI);
        URI tokenUri;
        try {
            tokenUri = URI.create(uri);
        } catch (IllegalArgumentException e) {
            tokenUri = null;
        }
        if (tokenUri == null || !("https".equals(tokenUri.getScheme()) || "http".equals(tokenUri.getScheme()))) {
            throw invalid(provider, file, "has a token_uri that is not an http(s) URL");
        }
        return new ServiceAccountKey(email, parsePrivateKey(provider, file, pem), Json.text(json, "private_key_id"),
                tokenUri, Json.text(json, "project_id"));
    }

    private static PrivateKey parsePrivateKey(String provider, Path file, String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // the cause may quote the key material: it is left out
            throw invalid(provider, file, "has a private_key that is not an RSA key in PKCS#8 PEM");
        }
    }

    private static ProviderException invalid(String provider, Path file, String what) {
        return new ProviderException(ProviderException.Kind.AUTH, provider,
                provider + ": the service-account key file " + file + " " + what);
    }

    String clientEmail() {
        return clientEmail;
    }

    URI tokenUri() {
        return tokenUri;
    }

    /** The project the account belongs to, when the file says. */
    Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    /** A JWT asking the token endpoint for a cloud-platform access token, valid for an hour from {@code now}. */
    String assertion(Instant now) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        if (privateKeyId != null) {
            header.put("kid", privateKeyId);
        }
        long iat = now.getEpochSecond();
        ObjectNode claims = Json.object().put("iss", clientEmail).put("scope", SCOPE).put("aud", tokenUri.toString())
                .put("iat", iat).put("exp", iat + ASSERTION_SECONDS);
        String signed = B64URL.encodeToString(Json.bytes(header)) + "." + B64URL.encodeToString(Json.bytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing is unavailable in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", token_uri=" + tokenUri + "]";
    }
}
