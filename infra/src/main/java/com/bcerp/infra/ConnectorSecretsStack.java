package com.bcerp.infra;

import com.bcerp.handlers.worker.DeployConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The connector's secrets, created empty in a stack of their own: the store's, and one per back office. The
 * functions read them while they start, and with SnapStart they start when a version is published, during the
 * deploy: so the secrets must exist and have values before the connector's stack is deployed. Deploy this stack, set
 * the values, then deploy the connector.
 */
public final class ConnectorSecretsStack extends Stack {

    private final NamedSecret bigCommerce;
    private final Map<String, NamedSecret> backOffices = new LinkedHashMap<>();

    /** A secret and the name the functions read it by. */
    public record NamedSecret(Secret secret, String name) {}

    /**
     * @param prefix      the connector's stack name; the secrets are {@code {prefix}/bigcommerce} and
     *                    {@code {prefix}/{back office name}}
     * @param backOffices each back office's name to its type, as {@code back_offices.systems} says
     */
    public ConnectorSecretsStack(Construct scope, String id, StackProps props, String prefix,
            Map<String, String> backOffices) {
        super(scope, id, props);
        bigCommerce = emptySecret("BigCommerce", prefix + "/bigcommerce",
                "BigCommerce: access_token, client_secret, webhook_secret (JSON)");
        // logical ids follow the name (AcumaticaSecret for "acumatica"): renaming one would replace its secret
        backOffices.forEach((name, type) -> this.backOffices.put(name, emptySecret(DeployConfig.pascal(name),
                prefix + "/" + name, "Back office '" + name + "' (" + type + "): its credentials as JSON, the fields "
                        + "its adapter's README lists")));
    }

    /** A secret with no value: the merchant sets it after this deploy, so no credential is in the template. */
    private NamedSecret emptySecret(String id, String name, String description) {
        Secret secret = Secret.Builder.create(this, id + "Secret").secretName(name).description(description).build();
        // the L2 construct generates a random value unless told otherwise; an empty secret has neither
        ((CfnSecret) secret.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        CfnOutput.Builder.create(this, id + "SecretName").value(name)
                .description("set its value before deploying the connector's stack").build();
        return new NamedSecret(secret, name);
    }

    public NamedSecret bigCommerce() {
        return bigCommerce;
    }

    public NamedSecret backOffice(String name) {
        NamedSecret secret = backOffices.get(name);
        if (secret == null) {
            throw new IllegalArgumentException("no secret for back office '" + name + "'; has " + backOffices.keySet());
        }
        return secret;
    }

    public Collection<NamedSecret> backOffices() {
        return backOffices.values();
    }
}
