package com.bcerp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;

/** The AwsSolutions findings the connector accepts, each with the reason it is right here. */
final class NagSuppressionsForConnector {

    private NagSuppressionsForConnector() {}

    static void apply(Stack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-L1", "java21 is the runtime this project targets (Java 21 bytecode, SnapStart; "
                        + "supported by Lambda until 2029-06-30); moving to a newer Java runtime is a deliberate upgrade, "
                        + "not a synth-time default."),
                suppress("AwsSolutions-SMG4", "Secrets Manager cannot rotate these: the BigCommerce token and client "
                        + "secret are issued by BigCommerce and the Acumatica credentials by Acumatica; the Acumatica "
                        + "refresh token is rotated by the connector itself on every refresh.")));
        if (!(stack instanceof ConnectorStack)) {
            return;
        }
        for (String route : List.of("POST--webhooks--bigcommerce", "POST--webhooks--bigcommerce--delivery-exceptions")) {
            NagSuppressions.addResourceSuppressionsByPath(stack,
                    "/" + stack.getStackName() + "/WebhookApi/" + route + "/Resource", List.of(
                            suppress("AwsSolutions-APIG4", "BigCommerce cannot sign requests for AWS; every delivery "
                                    + "(webhooks and delivery-exception reports alike) is authenticated by the receiver "
                                    + "(Standard Webhooks HMAC signature and the connector's secret header, compared in "
                                    + "constant time) and refused with 401 before anything is queued.")));
        }
    }

    private static NagPackSuppression suppress(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
