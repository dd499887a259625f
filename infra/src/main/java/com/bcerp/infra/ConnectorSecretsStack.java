package com.bcerp.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The connector's two secrets, created empty in a stack of their own. The functions read them while they start,
 * and with SnapStart they start when a version is published, during the deploy: so the secrets must exist and have
 * values before the connector's stack is deployed. Deploy this stack, set the values, then deploy the connector.
 */
public final class ConnectorSecretsStack extends Stack {

    private final Secret bigCommerce;
    private final Secret acumatica;
    private final String bigCommerceName;
    private final String acumaticaName;

    /** @param prefix the connector's stack name; the secrets are {@code {prefix}/bigcommerce} and {@code /acumatica} */
    public ConnectorSecretsStack(Construct scope, String id, StackProps props, String prefix) {
        super(scope, id, props);
        bigCommerceName = prefix + "/bigcommerce";
        acumaticaName = prefix + "/acumatica";
        bigCommerce = emptySecret("BigCommerceSecret", bigCommerceName,
                "BigCommerce: access_token, client_secret, webhook_secret (JSON)");
        acumatica = emptySecret("AcumaticaSecret", acumaticaName,
                "Acumatica: username, password, client_id, client_secret (JSON); the connector writes refresh_token");
        CfnOutput.Builder.create(this, "BigCommerceSecretName").value(bigCommerceName)
                .description("set its value before deploying the connector's stack").build();
        CfnOutput.Builder.create(this, "AcumaticaSecretName").value(acumaticaName)
                .description("set its value before deploying the connector's stack").build();
    }

    /** A secret with no value: the merchant sets it after this deploy, so no credential is in the template. */
    private Secret emptySecret(String id, String name, String description) {
        Secret secret = Secret.Builder.create(this, id).secretName(name).description(description).build();
        // the L2 construct generates a random value unless told otherwise; an empty secret has neither
        ((CfnSecret) secret.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        return secret;
    }

    public Secret bigCommerce() {
        return bigCommerce;
    }

    public Secret acumatica() {
        return acumatica;
    }

    public String bigCommerceName() {
        return bigCommerceName;
    }

    public String acumaticaName() {
        return acumaticaName;
    }
}
