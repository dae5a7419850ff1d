package org.openioto.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Installs the {@code openioto} feature into a real Apache Karaf 4.4 from this build's features
 * descriptor and artifacts (nothing from {@code mvn install}), then drives it with the
 * {@code ioto:*} commands over Karaf's SSH shell. The methods share one Karaf and run in order:
 * the later ones change the services map.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InstallsIntoKarafIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern CLAIM_ID = Pattern.compile("(?m)^Claim ID:\\s+([0-9A-HJKMNP-TV-Z]{10})\\s*$");

    private static Karaf karaf;
    private static KarafShell shell;

    @BeforeAll
    static void installFeatures() throws IOException {
        String[] gav = property("openioto.it.coordinates").split(":");
        Path repository = Path.of(property("openioto.it.repository"));
        Path config = Path.of(property("openioto.it.config"));
        // this module's own artifacts, where Karaf will look for mvn:<gav>/xml/features and /json5/...
        put(repository, gav, "features", "xml", Path.of(property("openioto.it.features")));
        put(repository, gav, "ioto", "json5", config.resolve("ioto.json5"));
        put(repository, gav, "device", "json5", config.resolve("device.json5"));

        karaf = Karaf.start(Path.of(property("openioto.it.karaf")), Path.of(property("openioto.it.instance")),
                repository, Path.of(property("openioto.it.localRepository")));
        shell = karaf.shell();
        shell.ok("feature:repo-add mvn:" + gav[0] + "/" + gav[1] + "/" + gav[2] + "/xml/features", COMMAND);
        // -r: no refresh of bundles already wired; installing eventadmin would otherwise restart Karaf's shell and drop this session
        shell.ok("feature:install -r openioto", COMMAND);
        await("ioto:services (see " + karaf.log() + ")").atMost(COMMAND).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> shell.run("ioto:services", COMMAND).ok());
    }

    @AfterAll
    static void shutDown() {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(60)
    void putsTheDefaultConfigurationIntoEtc() throws IOException {
        Path config = Path.of(property("openioto.it.config"));
        for (String file : new String[] {"ioto.json5", "device.json5"}) {
            assertThat(karaf.etc().resolve("openioto").resolve(file)).hasSameTextualContentAs(config.resolve(file));
        }
        assertThat(ioto("status"))
                .containsPattern("(?m)^Config:\\s+" + Pattern.quote(karaf.etc().resolve("openioto").toString()) + "$");
    }

    @Test
    @Order(2)
    @Timeout(60)
    void servicesListsEveryServiceWithItsBundle() throws IOException {
        String services = ioto("services");

        assertThat(services).containsPattern("(?m)^SERVICE\\s+WANTED\\s+WHY\\s+BUNDLE\\s+STATE$")
                .containsPattern("(?m)^serialize\\s+yes\\s+.*\\s+org\\.openioto\\.core\\s+built in$")
                .containsPattern("(?m)^mqtt\\s+yes\\s+ioto\\.json5\\s+org\\.openioto\\.mqtt \\S+\\s+active$")
                .containsPattern("(?m)^demo\\s+yes\\s+ioto\\.json5\\s+org\\.openioto\\.demo\\s+missing$");
        // the mqtt capability runs, waiting for provisioning to give it an endpoint
        assertThat(ioto("mqtt")).containsPattern("(?m)^State:\\s+waiting for an endpoint");
    }

    @Test
    @Order(3)
    @Timeout(90)
    void statusShowsAGeneratedClaimId() {
        String status = await("ioto:status of a ready agent").atMost(COMMAND).pollInterval(Duration.ofMillis(500))
                .until(() -> ioto("status"), out -> out.contains("(ready)") && !out.contains("(none yet)"));

        assertThat(status).containsPattern("(?m)^OpenIoto:\\s+\\S+ \\(ready\\)$").containsPattern(CLAIM_ID);
    }

    @Test
    @Order(4)
    @Timeout(90)
    void disableAndEnableChangeTheServicesMap() throws IOException {
        assertThat(ioto("disable demo").strip()).isEqualTo("demo disabled: org.openioto.demo missing");
        assertThat(ioto("services")).containsPattern("(?m)^demo\\s+no\\s+ioto:disable\\s");

        assertThat(ioto("enable demo").strip()).isEqualTo("demo enabled: org.openioto.demo missing");
        assertThat(ioto("services")).containsPattern("(?m)^demo\\s+yes\\s+ioto:enable\\s");
    }

    @Test
    @Order(5)
    @Timeout(120)
    void servicesMapStartsAndStopsACapabilityBundle() throws IOException {
        Path jar = demoBundle(karaf.instance().resolve("org.openioto.demo-0.0.1.jar"));
        assertThat(shell.ok("bundle:install " + jar.toUri(), COMMAND)).contains("Bundle ID");

        // installed but not started by us: demo is wanted, so core's services controller starts it
        await("org.openioto.demo started by the services controller").atMost(COMMAND)
                .pollInterval(Duration.ofMillis(500)).until(() -> demoState(), s -> s.equals(Optional.of("Active")));

        assertThat(ioto("disable demo").strip())
                .isEqualTo("demo disabled: org.openioto.demo 0.0.1 stopped");
        assertThat(demoState()).contains("Resolved");
        assertThat(ioto("services"))
                .containsPattern("(?m)^demo\\s+no\\s+ioto:disable\\s+org\\.openioto\\.demo 0\\.0\\.1\\s+stopped$");

        assertThat(ioto("enable demo").strip()).isEqualTo("demo enabled: org.openioto.demo 0.0.1 active");
        assertThat(demoState()).contains("Active");
        assertThat(ioto("services"))
                .containsPattern("(?m)^demo\\s+yes\\s+ioto:enable\\s+org\\.openioto\\.demo 0\\.0\\.1\\s+active$");
    }

    /** Runs an {@code ioto:} command with SSH exec, as a script would, and answers what it printed. */
    private static String ioto(String command) throws IOException {
        return shell.ok("ioto:" + command, COMMAND);
    }

    /** The state column of {@code bundle:list} for org.openioto.demo, if it is installed. */
    private static Optional<String> demoState() throws IOException {
        return shell.ok("bundle:list -s -t 0", COMMAND).lines()
                .map(line -> Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new))
                .filter(cells -> cells.length == 5 && cells[4].equals("org.openioto.demo"))
                .map(cells -> cells[1]).findFirst();
    }

    /** A bundle with no content that stands in for the demo capability. */
    private static Path demoBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.openioto.demo");
        main.putValue("Bundle-Version", "0.0.1");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    /** Copies a file into a Maven-layout repository as {@code gav} with a classifier and type. */
    private static void put(Path repository, String[] gav, String classifier, String type, Path file)
            throws IOException {
        Path dir = repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(gav[1] + "-" + gav[2] + "-" + classifier + "." + type),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run this test with mvn verify");
        }
        return value;
    }
}
