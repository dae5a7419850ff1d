package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing JSON replies on a JDK {@link HttpExchange}. */
final class Exchanges {

    /** The largest request body accepted; Ioto's requests are a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;
    // An oversized body is read and dropped up to this much before the 413 goes out, so that a
    // client still writing it sees the reply rather than a reset connection.
    private static final int MAX_DRAIN = 1024 * 1024;

    private Exchanges() {
    }

    /**
     * Returns the token of an {@code Authorization: Bearer <token>} header. Ioto writes the scheme
     * in lower case, so it is compared ignoring case.
     *
     * @throws ApiException 401 if the header is missing or is not a bearer token
     */
    static String bearer(HttpExchange ex) throws ApiException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null) {
            String h = header.strip();
            int space = h.indexOf(' ');
            if (space > 0 && h.substring(0, space).equalsIgnoreCase("bearer")) {
                String token = h.substring(space + 1).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        throw new ApiException(401, "Missing or malformed bearer token");
    }

    /**
     * Reads the body as a JSON object.
     *
     * @throws ApiException 413 if it is over {@link #MAX_BODY} bytes by its Content-Length or by
     *     count, 400 if it is not a JSON object
     */
    static Map<String, Object> jsonObject(HttpExchange ex) throws ApiException, IOException {
        byte[] body = body(ex);
        try {
            return Json.parseObject(body, MAX_BODY);
        } catch (Json.MalformedException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static byte[] body(HttpExchange ex) throws ApiException, IOException {
        InputStream in = ex.getRequestBody();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY) {
                    throw tooLarge(in, MAX_BODY);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(400, "Bad Content-Length");
            }
        }
        // Counting as well covers chunked bodies and a Content-Length that lies.
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw tooLarge(in, MAX_BODY);
        }
        return body;
    }

    /**
     * Returns the 413 for a body over {@code limit} bytes, after reading and dropping up to a
     * megabyte more of it.
     */
    static ApiException tooLarge(InputStream in, long limit) {
        long skipped = 0;
        byte[] sink = new byte[8192];
        int n;
        try {
            while (skipped < MAX_DRAIN && (n = in.read(sink)) > 0) {
                skipped += n;
            }
        } catch (IOException e) {
            // The client stopped sending before its Content-Length: it may still read the reply.
        }
        return new ApiException(413, "Request body larger than " + limit + " bytes");
    }

    /** Returns {@code body.get(name)} if it is a non-blank string, else throws 400. */
    static String requiredString(Map<String, Object> body, String name) throws ApiException {
        Object value = body.get(name);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new ApiException(400, "Missing string property '" + name + "'");
    }

    /**
     * Returns the request's query parameters, decoded; a parameter given twice keeps its first
     * value.
     */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /**
     * The base URL ({@code http://host:port}) the client reached us by: whatever name or address
     * worked for this request works for the next, whichever address we are bound to.
     */
    static String baseUrl(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            var local = ex.getLocalAddress();
            host = local.getAddress().getHostAddress() + ":" + local.getPort();
            if (host.indexOf(':') != host.lastIndexOf(':')) {
                host = "[" + local.getAddress().getHostAddress() + "]:" + local.getPort();
            }
        }
        return "http://" + host.strip();
    }

    /** Sends {@code status} with {@code value} as a JSON body and closes the exchange. */
    static void send(HttpExchange ex, int status, Object value) throws IOException {
        byte[] bytes = Json.write(value);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
