package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;

/** One API operation: reads the request and returns the value sent back as JSON with status 200. */
@FunctionalInterface
interface Endpoint {

    /** Serves {@code ex}; an {@link ApiException} becomes its status and an error body. */
    Object handle(HttpExchange ex) throws Exception;
}
