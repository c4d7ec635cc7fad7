package dev.reaper.router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request an adapter wants made. Header values may hold credentials, so {@link #toString()}
 * shows header names only.
 */
public record HttpCall(String method, String url, Map<String, String> headers, byte[] body) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    public static HttpCall get(String url, Map<String, String> headers) {
        return new HttpCall("GET", url, headers, null);
    }

    public static HttpCall postJson(String url, Map<String, String> headers, byte[] body) {
        return new HttpCall("POST", url, headers, body);
    }

    /** This call with more headers; one of the same name replaces the call's own. */
    public HttpCall withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new HttpCall(method, url, all, body);
    }

    @Override
    public String toString() {
        return method + " " + url + " headers=" + headers.keySet() + " body=" + (body == null ? 0 : body.length) + "B";
    }
}
