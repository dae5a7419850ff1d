package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.UpdateReleases;
import org.openioto.cloud.db.Users;
import org.openioto.cloud.sync.CloudCommands;
import org.openioto.cloud.metrics.Metrics;
import org.openioto.cloud.sync.CloudStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's HTTP server: the Builder API devices register with, the device API they
 * provision and check for updates through, update downloads, and the manager API. Every error is answered with a JSON body
 * {@code {"error": "..."}}.
 *
 * <p>Requests are served on a small pool of its own threads. {@link #stop()} waits up to a
 * second for requests in progress.
 */
public final class HttpApi {

    /** The Builder API base, as in config/ioto.json5 {@code api.builder}. */
    public static final String BUILDER_PATH = "/api";
    /** The device API base handed to claimed devices as {@code api}. */
    public static final String DEVICE_API_PATH = "/cloud";
    /** The manager API base. */
    public static final String MANAGER_PATH = "/manager";

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** The endpoints of one path, by HTTP method. */
    private record Route(Map<String, Endpoint> methods) {
        Route(String method, Endpoint endpoint) {
            this(Map.of(method, endpoint));
        }

        String allowed() {
            return String.join(", ", new TreeSet<>(methods.keySet()));
        }
    }

    private final Map<String, Route> routes;
    private final Route download;
    /** Routes under /manager/devices/{id}/, by the resource after the id. */
    private final Map<String, Route> deviceRoutes;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger inProgress = new AtomicInteger();

    /**
     * Binds to {@code address} (port 0 for any free port) without serving yet, with updates kept
     * in {@code updates} (rows) and {@code updatesDirectory} (images), and the broker reached
     * through {@code messaging} (null for none: nobody connected, messages dropped), devices'
     * Store items changed through {@code store}, commands sent through {@code commands} and
     * metrics read from {@code metrics}. With null {@code updates} the update routes answer 404;
     * with null {@code store} or {@code commands} their routes answer 503; with null
     * {@code metrics} the metric routes answer 404.
     *
     * @throws IOException if the address cannot be bound
     */
    public HttpApi(InetSocketAddress address, Products products, Devices devices, Users users,
                   Sessions sessions, Provisioner provisioner, CloudIdentity identity, Clock clock,
                   UpdateReleases updates, Path updatesDirectory, DeviceMessaging messaging,
                   CloudStore store, CloudCommands commands, Metrics metrics) throws IOException {
        ManagerEndpoints manager = new ManagerEndpoints(users, sessions, devices,
                messaging != null ? messaging : DeviceMessaging.NONE, clock);
        Map<String, Route> routes = new HashMap<>(Map.of(
                BUILDER_PATH + "/device/register",
                new Route("POST", new RegisterEndpoint(products, devices, identity, DEVICE_API_PATH)),
                DEVICE_API_PATH + "/tok/device/provision",
                new Route("POST", new ProvisionEndpoint(devices, provisioner, clock)),
                MANAGER_PATH + "/login", new Route("POST", manager::login),
                MANAGER_PATH + "/users", new Route("POST", manager::addUser),
                MANAGER_PATH + "/claim", new Route("POST", manager::claim),
                MANAGER_PATH + "/release", new Route("POST", manager::release),
                MANAGER_PATH + "/devices", new Route("GET", manager::devices)));
        if (updates != null) {
            UpdateEndpoints u = new UpdateEndpoints(products, devices, updates, sessions, updatesDirectory, clock);
            routes.put(DEVICE_API_PATH + "/tok/provision/update", new Route("POST", u::check));
            routes.put(MANAGER_PATH + "/updates", new Route(Map.of("POST", u::publish, "GET", u::list)));
            this.download = new Route("GET", u::download);
        } else {
            this.download = null;
        }
        if (metrics != null) {
            MetricEndpoints m = new MetricEndpoints(sessions, devices, metrics);
            routes.put(MetricEndpoints.PATH, new Route("GET", m::value));
            routes.put(MetricEndpoints.PATH + "/series", new Route("GET", m::series));
        }
        this.routes = Map.copyOf(routes);
        StoreEndpoints s = new StoreEndpoints(sessions, devices, store);
        CommandEndpoints c = new CommandEndpoints(sessions, devices, commands);
        this.deviceRoutes = Map.of(
                "store", new Route(Map.of("GET", s::list, "PUT", s::put, "DELETE", s::remove)),
                "commands", new Route(Map.of("GET", c::list, "POST", c::send)));
        this.server = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "cloud-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Starts serving requests. */
    public void start() {
        server.start();
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting requests, waits up to a second for those in progress, and frees the port. */
    public void stop() {
        // Java 17's HttpServer.stop(n) always waits the whole n seconds (fixed in 21), so wait
        // for the requests in progress here and stop at once.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (inProgress.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        inProgress.incrementAndGet();
        try {
            serve(ex);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        int status = 200;
        Object reply;
        try {
            String path = ex.getRequestURI().getPath();
            String resource = DevicePath.resource(ex.getRequestURI().getRawPath());
            Route route = download != null && path.startsWith(UpdateEndpoints.DOWNLOAD_PATH) ? download
                    : resource != null ? deviceRoutes.get(resource) : routes.get(path);
            if (route == null) {
                throw new ApiException(404, "Not found");
            }
            Endpoint endpoint = route.methods().get(ex.getRequestMethod());
            if (endpoint == null) {
                ex.getResponseHeaders().set("Allow", route.allowed());
                throw new ApiException(405, "Method not allowed; use " + route.allowed());
            }
            reply = endpoint.handle(ex);
        } catch (ApiException e) {
            status = e.status();
            reply = Map.of("error", e.getMessage());
        } catch (IOException e) {
            ex.close(); // the client went away: nothing to answer
            return;
        } catch (Exception e) {
            LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            status = 500;
            reply = Map.of("error", "Internal error");
        }
        try {
            if (reply instanceof UpdateEndpoints.Download d) {
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, d.size());
                try (OutputStream out = ex.getResponseBody()) {
                    Files.copy(d.file(), out);
                }
            } else {
                Exchanges.send(ex, status, reply);
            }
        } finally {
            ex.close();
        }
    }
}
