package com.bcerp.local.cli;

import com.bcerp.config.ConfigException;
import com.bcerp.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --config FILE}, validated before anything starts, so a bad file is one clear line, not a stack trace. */
final class ConfigOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--config", description = "The merchant config file (YAML); see config/connector.example.yaml. "
            + "Default: the built-in defaults.")
    Path file;

    /** The file, after checking it loads; null when none was given. */
    Path validated() {
        if (file == null) {
            return null;
        }
        try {
            ConfigLoader.load(file);
            return file;
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (in " + file + ")");
        }
    }
}
