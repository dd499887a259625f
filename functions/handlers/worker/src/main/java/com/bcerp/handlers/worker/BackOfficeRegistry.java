package com.bcerp.handlers.worker;

import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.aws.Environment;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.port.CredentialLease;
import com.bcerp.core.port.SecretSource;
import com.bcerp.extensiv.ExtensivType;
import com.bcerp.http.ApiClient;
import com.bcerp.http.SharedRate;
import com.bcerp.http.SharedRatePacer;
import com.bcerp.http.Sleeper;
import com.bcerp.uniconta.UnicontaType;
import com.bcerp.visma.VismaType;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The kinds of back office a deployment can run, by the type a config's {@code back_offices.systems} names. Adding a
 * back office is its adapter module and one entry here.
 */
public final class BackOfficeRegistry {

    /** Builds one back office of a type from its own environment variables, which its name prefixes. */
    @FunctionalInterface
    public interface Factory {
        BackOffice create(String name, Variables env, Shared shared);
    }

    /**
     * What every back office may use: its secrets, the shared request budgets, the config, the clock, the
     * metrics its 429s are counted in, and the lease that serialises renewing a credential every process shares.
     */
    public record Shared(SecretSource secrets, RequestBudget budget, ConnectorConfig config, Clock clock,
            ConnectorMetrics metrics, CredentialLease credentialLease) {

        /** Off a function's invocation (synth, the local checks), where the metrics count nothing. */
        public Shared(SecretSource secrets, RequestBudget budget, ConnectorConfig config, Clock clock) {
            this(secrets, budget, config, clock, ConnectorMetrics.lambda(clock), CredentialLease.UNSHARED);
        }

        /**
         * Paces every request to the back office named {@code name} at the config's pace
         * ({@link com.bcerp.core.config.ReliabilitySettings#backOfficePace}), shared by every process (its quota is
         * the vendor's, per user or licence, not a function's); none when that is 0. Each 429 it answers is counted.
         */
        public ApiClient.Pacer pacer(String name) {
            int rate = config.reliability().backOfficePace();
            ApiClient.Pacer pacer = rate == 0 ? ApiClient.Pacer.NONE
                    : new SharedRatePacer(new SharedRate(budget, "backoffice#" + name, Sleeper.THREAD),
                            rate, Math.max(1, rate / 20), clock);
            return pacer.observed(response -> {
                if (response.status() == 429) {
                    metrics.throttled(name);
                }
            });
        }
    }

    /** One back office's environment variables: {@code url} of back office {@code erp} is {@code ERP_URL}. */
    public record Variables(String name, Environment env) {

        public String variable(String suffix) {
            return name.toUpperCase(Locale.ROOT) + "_" + suffix;
        }

        /** A comma-separated variable's values, trimmed, without empty ones. */
        public List<String> list(String suffix, String defaultValue) {
            return Arrays.stream(env.optional(variable(suffix), defaultValue).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        /** A variable naming one of {@code type}'s constants in any case; another value names the variable. */
        public <E extends Enum<E>> E choice(Class<E> type, String suffix, E defaultValue) {
            String value = env.optional(variable(suffix), defaultValue.name());
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("environment variable " + variable(suffix) + " is not one of "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ": '" + value + "'");
            }
        }

        /** The secret holding this back office's credentials: {@code {NAME}_SECRET}, or {@link #defaultSecretName}. */
        public String secretName() {
            return env.optional(variable("SECRET"), defaultSecretName(name));
        }
    }

    /** The secret a back office named {@code name} reads when {@code {NAME}_SECRET} does not name another. */
    public static String defaultSecretName(String name) {
        return "bc-erp-connector/" + name;
    }

    /**
     * The types whose adapters write a rotated credential back to their secret (Acumatica's refresh token is single
     * use); a deployment lets only their functions write their secret.
     */
    public static final Set<String> ROTATING_CREDENTIALS = Set.of(AcumaticaType.SYSTEM);

    private final Map<String, Factory> factories;

    public BackOfficeRegistry(Map<String, Factory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Every back office this build of the connector can run. */
    public static BackOfficeRegistry standard() {
        Map<String, Factory> all = new LinkedHashMap<>();
        all.put(AcumaticaType.SYSTEM, AcumaticaFromEnvironment::create);
        all.put(UnicontaType.SYSTEM, UnicontaFromEnvironment::create);
        all.put(ExtensivType.SYSTEM, ExtensivFromEnvironment::create);
        all.put(VismaType.SYSTEM, VismaFromEnvironment::create);
        return new BackOfficeRegistry(all);
    }

    public List<String> types() {
        return factories.keySet().stream().sorted().toList();
    }

    /** Refuses a type the registry does not know, naming the config field. */
    public BackOffice create(String name, String type, Environment env, Shared shared) {
        Factory factory = factories.get(type);
        InvalidConfig.require(factory != null, "back_offices.systems." + name,
                "unknown back-office type '" + type + "'; known: " + types());
        return factory.create(name, new Variables(name, env), shared);
    }
}
