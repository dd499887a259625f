package com.bcerp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack finds nothing that is not suppressed with its reason ({@link NagSuppressionsForConnector}). */
class CdkNagTest {

    @Test
    void the_stack_has_no_unsuppressed_aws_solutions_finding() {
        SynthesizedStack synthesized = SynthesizedStack.of(SynthesizedStack.EXAMPLE_CONFIG, ScheduledJobs.ALL, stack -> {
            Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
            NagSuppressionsForConnector.apply(stack);
        });
        for (Stack stack : List.of(synthesized.stack(), synthesized.secretsStack())) {
            Annotations annotations = Annotations.fromStack(stack);
            List<String> findings = Stream.concat(
                            annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream(),
                            annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                    .map(CdkNagTest::describe).toList();

            assertThat(findings).as(stack.getStackName()).isEmpty();
        }
    }

    private static String describe(SynthesisMessage m) {
        return m.getId() + ": " + m.getEntry().getData();
    }
}
