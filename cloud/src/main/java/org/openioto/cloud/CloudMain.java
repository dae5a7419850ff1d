package org.openioto.cloud;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import org.openioto.cloud.http.HttpApi;

/** Command-line entry: {@code java -jar openioto-cloud.jar [options]}; see {@link CloudOptions}. */
public final class CloudMain {

    /** sysexits.h EX_USAGE. */
    static final int EX_USAGE = 64;
    /** sysexits.h EX_UNAVAILABLE: a port taken, a database out of reach. */
    static final int EX_UNAVAILABLE = 69;

    private CloudMain() {
    }

    public static void main(String[] args) throws Exception {
        CloudOptions options;
        try {
            options = CloudOptions.parse(Arrays.asList(args));
        } catch (CloudOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("openioto-cloud: " + e.getMessage());
            }
            System.err.println(CloudOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : EX_USAGE);
            return;
        }
        Cloud cloud = new Cloud(options);
        try {
            cloud.start();
        } catch (IOException | SQLException e) {
            System.err.println("openioto-cloud: cannot start: " + e.getMessage());
            System.exit(EX_UNAVAILABLE);
            return;
        }
        // SIGTERM and Ctrl-C run shutdown hooks: stop serving and close the database cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::stop, "cloud-shutdown"));
        String base = cloud.baseUrl();
        System.out.println("OpenIoto cloud started, data in " + options.data().toAbsolutePath());
        System.out.println("  Manager API:  " + base + HttpApi.MANAGER_PATH + "/");
        System.out.println("  Builder API:  " + base + HttpApi.BUILDER_PATH + "   (ioto.json5 api.builder)");
        System.out.println("  Device API:   " + base + HttpApi.DEVICE_API_PATH);
        System.out.println("  MQTTS:        " + options.bind() + ":" + cloud.mqttsPort()
                + " (client certificates from the CA in " + options.data().resolve("ca").toAbsolutePath() + ")");
        System.out.println("  MQTT:         " + (options.mqttPort() == 0 ? "off" : options.bind() + ":" + options.mqttPort()
                + " (plain, no identity: development only)"));
        cloud.generatedAdminPassword().ifPresent(pw ->
                System.out.println("  Admin user 'admin' created with password: " + pw + "  (shown only once)"));
    }
}
