package org.openioto.core.internal.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code openioto --check}: loads and checks the configuration without starting anything,
 * prints the merged result with secrets masked (or every error), and answers an exit code.
 */
public final class Check {

    private Check() {
    }

    /**
     * Checks the configuration in {@code configDir} for {@code profile}.
     *
     * @return 0 if it can be used, 1 if it has errors
     */
    public static int run(Path configDir, Path stateDir, Optional<String> profile, PrintStream out, PrintStream err) {
        try {
            LoadedConfig config = new ConfigLoader(configDir, profile, System.getenv()).load();
            StateDirectory.ensureWritable(stateDir);
            config.warnings().forEach(w -> err.println("warning: " + w));
            out.println("// " + config.files().size() + " files, profile \"" + config.profile() + "\", mode \""
                    + config.mode() + "\"");
            out.println(ConfigText.masked(config.root()));
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }
}
