package com.bcerp.local.cli;

import com.bcerp.config.ConfigException;
import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.config.ConfigLoader;
import com.bcerp.local.runtime.LocalBackOffice;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --backoffice TYPE[,TYPE]}: which back offices the run uses, each named by its type, the first taking the
 * orders first and serving stock, catalogue and fulfilment. It replaces the config's {@code back_offices} section
 * (the rest of the file stands), so the run is what a merchant with that section would deploy.
 */
final class BackOfficeOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--backoffice", split = ",", paramLabel = "TYPE", description = "The back office(s) to run "
            + "against, by type (acumatica, uniconta, visma, extensiv); several take every order each (a warehouse only "
            + "those in its own import statuses). Default: the config's "
            + "back_offices section (Acumatica).")
    List<String> types;

    /** The config file the run reads: {@code configFile} itself without the option, else a copy with its section. */
    Path applyTo(Path configFile, Path stateDir) throws IOException {
        if (types == null || types.isEmpty()) {
            return configFile;
        }
        for (String type : types) {
            if (!LocalBackOffice.TYPES.contains(type)) {
                throw new ParameterException(spec.commandLine(), "--backoffice: no local sandbox for '" + type
                        + "'; types: " + String.join(", ", LocalBackOffice.TYPES));
            }
        }
        if (types.stream().distinct().count() != types.size()) {
            throw new ParameterException(spec.commandLine(), "--backoffice names a type twice: " + types);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode config = configFile == null ? yaml.createObjectNode() : (ObjectNode) yaml.readTree(configFile.toFile());
        ObjectNode section = config.putObject("back_offices");
        ObjectNode systems = section.putObject("systems");
        types.forEach(type -> systems.put(type, type));
        ObjectNode flows = section.putObject("flows");
        var orders = flows.putArray("orders");
        types.forEach(orders::add);
        // the products and prices come from Acumatica; Visma's and Uniconta's sandbox companies keep some of the
        // store's variant SKUs as items of their own, which the store refuses as products (they would park on every
        // run), so a run without Acumatica leaves the store's catalogue alone (ErpCatalogueIT runs theirs)
        if (types.contains(AcumaticaType.SYSTEM)) {
            flows.put("catalog", AcumaticaType.SYSTEM);
        } else {
            ObjectNode catalog = config.has("catalog") && config.get("catalog").isObject()
                    ? (ObjectNode) config.get("catalog") : config.putObject("catalog");
            catalog.put("product_sync", false);
        }
        Path file = stateDir.resolve("connector-" + String.join("-", types) + ".yaml");
        yaml.writeValue(file.toFile(), config);
        try {
            ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--backoffice " + String.join(",", types) + ": "
                    + e.getMessage());
        }
        return file;
    }
}
