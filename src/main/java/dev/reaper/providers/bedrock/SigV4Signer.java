package dev.reaper.providers.bedrock;

import dev.reaper.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 in the {@code Authorization} header, for one service in one region, as AWS
 * specifies it for every service but S3. The canonical URI is the path as it is sent, URI-encoded once
 * more (a model id's {@code :} travels as {@code %3A} and is signed as {@code %253A}); query parameters
 * are sorted; {@code host}, {@code x-amz-date}, the session token, optionally {@code x-amz-content-sha256}
 * and any headers the caller passes are signed. The time comes from a {@link Clock}, so a signature can be
 * reproduced.
 */
final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** AWS credentials. Records show {@link Secret}s as {@code [secret]}, so this prints safely. */
    record Credentials(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) {}

    /**
     * One signed request: the intermediate texts (for tests and debugging) and the headers to send with
     * it ({@code host}, {@code x-amz-date}, maybe {@code x-amz-security-token} and
     * {@code x-amz-content-sha256}, and {@code authorization}).
     */
    record Signed(String canonicalRequest, String stringToSign, String signature, Map<String, String> headers) {

        @Override
        public String toString() {
            // the canonical request and the headers hold the session token
            return "Signed[headers=" + headers.keySet() + "]";
        }
    }

    private final Credentials credentials;
    private final String region;
    private final String service;
    private final Clock clock;

    SigV4Signer(Credentials credentials, String region, String service, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /**
     * Signs a request. {@code uri} is the URL as it will be sent (its path already percent-encoded);
     * {@code headers} are the extra headers to sign, which the caller sends unchanged.
     */
    Signed sign(String method, URI uri, Map<String, String> headers, byte[] body, boolean sendPayloadHash) {
        String stamp = STAMP.format(clock.instant());
        String date = stamp.substring(0, 8);
        String payloadHash = HEX.formatHex(sha256(body == null ? new byte[0] : body));

        Map<String, String> toSend = new LinkedHashMap<>();
        toSend.put("host", hostHeader(uri));
        toSend.put("x-amz-date", stamp);
        credentials.sessionToken().ifPresent(t -> toSend.put("x-amz-security-token", t.reveal()));
        if (sendPayloadHash) {
            toSend.put("x-amz-content-sha256", payloadHash);
        }
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), trimAll(value)));
        toSend.forEach(canonical::put);

        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", canonical.keySet());
        String canonicalRequest = method + "\n" + canonicalUri(uri.getRawPath()) + "\n"
                + canonicalQuery(uri.getRawQuery()) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
                + payloadHash;

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + stamp + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));

        toSend.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return new Signed(canonicalRequest, stringToSign, signature, Map.copyOf(toSend));
    }

    private byte[] signingKey(String date) {
        byte[] secret = ("AWS4" + credentials.secretAccessKey().reveal()).getBytes(StandardCharsets.UTF_8);
        byte[] key = hmac(secret, date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The Host header an HTTP client sends for this URI: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return port == -1 || port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    static String canonicalUri(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, false);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), true), encode(decode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) {
            joined.add(p[0] + "=" + p[1]);
        }
        return String.join("&", joined);
    }

    /**
     * SigV4's URI encoding: every byte of the UTF-8 form except the unreserved characters
     * {@code A-Z a-z 0-9 - . _ ~} (and {@code /} unless {@code encodeSlash}) becomes {@code %XX}.
     */
    static String encode(String s, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Undoes percent-encoding only ({@code +} stays a plus, as SigV4 reads query strings). */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && HexFormat.isHexDigit(bytes[i + 1])
                    && HexFormat.isHexDigit(bytes[i + 2])) {
                out.write(HexFormat.fromHexDigit(bytes[i + 1]) * 16 + HexFormat.fromHexDigit(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Header values with surrounding spaces trimmed and inner runs of spaces made one. */
    private static String trimAll(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no HmacSHA256", e);
        }
    }
}
