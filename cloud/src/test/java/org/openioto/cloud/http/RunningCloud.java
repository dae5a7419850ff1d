package org.openioto.cloud.http;

import java.nio.file.Path;
import java.util.Optional;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;

/** A whole cloud on a free loopback port with an H2 database in a test directory. */
final class RunningCloud implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-pw";

    final FakeProvisioner provisioner = new FakeProvisioner();
    final Cloud cloud;
    final ApiClient client;

    RunningCloud(Path dir) throws Exception {
        cloud = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of(ADMIN_PASSWORD),
                Optional.empty()), provisioner);
        cloud.start();
        client = new ApiClient(cloud.baseUrl());
    }

    /** Logs in as admin and returns the session token. */
    String login() throws Exception {
        ApiClient.Reply r = client.post("/manager/login", null,
                "{\"user\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return (String) r.get("token");
    }

    @Override
    public void close() {
        cloud.stop();
    }
}
