package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.config.ConnectorConfig;
import org.junit.jupiter.api.Test;

class DeployConfigTest {

    @Test
    void aSettingIsNamedWhereTheDeploymentConfigHoldsIt() {
        ConnectorConfig config = ConnectorConfig.defaults();
        // the default Acumatica's typed section, and its settings beyond it under back_offices
        assertThat(DeployConfig.settingField(config, "acumatica", "order_type")).isEqualTo("deployment.acumatica.order_type");
        assertThat(DeployConfig.settingField(config, "acumatica", "tax_zone"))
                .isEqualTo("deployment.back_offices.acumatica.tax_zone");
        // a back office by another name has no typed section
        assertThat(DeployConfig.settingField(config, "books", "order_type"))
                .isEqualTo("deployment.back_offices.books.order_type");
    }
}
