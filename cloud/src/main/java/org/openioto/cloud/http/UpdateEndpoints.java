package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openioto.cloud.db.Device;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Tokens;
import org.openioto.cloud.db.UpdateReleases;
import org.openioto.cloud.db.UpdateReleases.Release;

/**
 * Over-the-air updates: the manager publishes an image for a product and version, a device asks
 * {@code POST {api}/tok/provision/update} and is offered the newest image above its version, and
 * fetches it from {@code GET /updates/{key}}.
 *
 * <p>Images are kept in the updates directory under their random download key, which is also the
 * only thing that grants a download: Ioto fetches the url it is given without a token.
 */
final class UpdateEndpoints {

    /** The path images download from, followed by their key. */
    static final String DOWNLOAD_PATH = "/updates/";
    /** The largest image accepted. */
    static final long MAX_IMAGE = 64L * 1024 * 1024;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** An image to send as the reply body instead of JSON. */
    record Download(Path file, long size) {
    }

    private final Products products;
    private final Devices devices;
    private final UpdateReleases releases;
    private final Sessions sessions;
    private final Path directory;
    private final Clock clock;

    UpdateEndpoints(Products products, Devices devices, UpdateReleases releases, Sessions sessions,
                    Path directory, Clock clock) {
        this.products = products;
        this.devices = devices;
        this.releases = releases;
        this.sessions = sessions;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * {@code POST /manager/updates?product=TOKEN&version=V&name=FILE}, the image as the raw body:
     * stores it and replies {@code {id, product, version, name, size, checksum, created}}.
     */
    Object publish(HttpExchange ex) throws Exception {
        ManagerEndpoints.user(sessions, ex);
        Map<String, String> query = Exchanges.query(ex);
        String productToken = required(query, "product");
        String version = required(query, "version");
        String name = required(query, "name");
        if (!Versions.isValid(version)) {
            throw new ApiException(400, "Bad version '" + version + "': dotted numbers expected, e.g. 1.2.0");
        }
        if (!FILE_NAME.matcher(name).matches()) {
            throw new ApiException(400, "Bad name: 1-128 letters, digits, '.', '_', '+' or '-'");
        }
        Products.Product product = products.byToken(productToken)
                .orElseThrow(() -> new ApiException(404, "Cannot find product"));
        for (Release r : releases.forProduct(product.id())) {
            if (Versions.compare(r.version(), version) == 0) {
                throw new ApiException(409, "Version " + r.version() + " is already published for this product");
            }
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_IMAGE) {
                    throw Exchanges.tooLarge(ex.getRequestBody(), MAX_IMAGE);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(400, "Bad Content-Length");
            }
        }
        Files.createDirectories(directory);
        String key = Tokens.random();
        Path part = Files.createTempFile(directory, "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (InputStream in = ex.getRequestBody(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > MAX_IMAGE) { // a chunked body, or a Content-Length that lies
                        throw Exchanges.tooLarge(in, MAX_IMAGE);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new ApiException(400, "Empty update image");
            }
            Path image = directory.resolve(key);
            Files.move(part, image, StandardCopyOption.ATOMIC_MOVE);
            try {
                Release r = releases.create(product.id(), version, name, size,
                        HexFormat.of().formatHex(sha256.digest()), key, OffsetDateTime.now(clock));
                return describe(r, product.token());
            } catch (SQLException | RuntimeException e) {
                Files.deleteIfExists(image); // no row names it, so nothing would ever serve or delete it
                throw e;
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** {@code GET /manager/updates}: {@code {updates: [{id, product, version, name, size, checksum, created}]}}. */
    Object list(HttpExchange ex) throws Exception {
        ManagerEndpoints.user(sessions, ex);
        Map<Long, String> tokens = new HashMap<>();
        List<Object> out = new ArrayList<>();
        for (Release r : releases.all()) {
            String token = tokens.get(r.productId());
            if (token == null) {
                token = products.byId(r.productId()).map(Products.Product::token).orElse("");
                tokens.put(r.productId(), token);
            }
            out.add(describe(r, token));
        }
        return Map.of("updates", out);
    }

    /**
     * {@code POST {api}/tok/provision/update}, bearer = device token, body = the device's
     * properties with {@code id} and {@code version}: {@code {url, checksum, version}} for the
     * newest image of the device's product above its version, else {@code {}}, which Ioto takes
     * as "no pending updates".
     */
    Object check(HttpExchange ex) throws Exception {
        String token = Exchanges.bearer(ex);
        Map<String, Object> body = Exchanges.jsonObject(ex);
        String id = Exchanges.requiredString(body, "id");
        String version = Exchanges.requiredString(body, "version");
        Device device = ProvisionEndpoint.authenticate(devices, id, token);
        if (!Versions.isValid(version)) {
            throw new ApiException(400, "Bad version '" + version + "': dotted numbers expected");
        }
        devices.recordVersion(id, version);
        Optional<Release> newest = releases.forProduct(device.productId()).stream()
                .filter(r -> Versions.compare(r.version(), version) > 0)
                .max(Comparator.comparing(Release::version, Versions.ORDER));
        if (newest.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("url", Exchanges.baseUrl(ex) + DOWNLOAD_PATH + newest.get().downloadKey());
        reply.put("checksum", newest.get().sha256());
        reply.put("version", newest.get().version());
        return reply;
    }

    /** {@code GET /updates/{key}}: the image, as application/octet-stream with its Content-Length. */
    Object download(HttpExchange ex) throws Exception {
        String key = ex.getRequestURI().getPath().substring(DOWNLOAD_PATH.length());
        if (!KEY.matcher(key).matches()) {
            throw new ApiException(404, "Not found");
        }
        Release r = releases.byDownloadKey(key).orElseThrow(() -> new ApiException(404, "Not found"));
        Path file = directory.resolve(key);
        if (!Files.isRegularFile(file)) {
            throw new ApiException(404, "Update image missing");
        }
        return new Download(file, r.size());
    }

    private static Map<String, Object> describe(Release r, String productToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("product", productToken);
        m.put("version", r.version());
        m.put("name", r.fileName());
        m.put("size", r.size());
        m.put("checksum", r.sha256());
        m.put("created", r.created().toString());
        return m;
    }

    private static String required(Map<String, String> query, String name) throws ApiException {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(400, "Missing query parameter '" + name + "'");
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
