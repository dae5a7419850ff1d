package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.db.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's HTTP server: the Builder API devices register with, the device API they
 * provision through, and the manager API. Every error is answered with a JSON body
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

    private record Route(String method, Endpoint endpoint) {
    }

    private final Map<String, Route> routes;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Binds to {@code address} (port 0 for any free port) without serving yet.
     *
     * @throws IOException if the address cannot be bound
     */
    public HttpApi(InetSocketAddress address, Products products, Devices devices, Users users,
                   Sessions sessions, Provisioner provisioner, CloudIdentity identity, Clock clock)
            throws IOException {
        ManagerEndpoints manager = new ManagerEndpoints(users, sessions, devices);
        this.routes = Map.of(
                BUILDER_PATH + "/device/register",
                new Route("POST", new RegisterEndpoint(products, devices, identity, DEVICE_API_PATH)),
                DEVICE_API_PATH + "/tok/device/provision",
                new Route("POST", new ProvisionEndpoint(devices, provisioner, clock)),
                MANAGER_PATH + "/login", new Route("POST", manager::login),
                MANAGER_PATH + "/claim", new Route("POST", manager::claim),
                MANAGER_PATH + "/devices", new Route("GET", manager::devices));
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
        server.stop(1);
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
        int status = 200;
        Object reply;
        try {
            Route route = routes.get(ex.getRequestURI().getPath());
            if (route == null) {
                throw new ApiException(404, "Not found");
            }
            if (!route.method().equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", route.method());
                throw new ApiException(405, "Method not allowed; use " + route.method());
            }
            reply = route.endpoint().handle(ex);
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
            Exchanges.send(ex, status, reply);
        } finally {
            ex.close();
        }
    }
}
