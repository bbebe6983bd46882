package io.integrationhost.bamboohr;

import io.integrationhost.testkit.PluginContract;
import org.junit.jupiter.api.Test;

/**
 * The packaged BambooHR jar keeps every rule of the contract the host relies on. A class of its own, so that its
 * report stands even when the plugin cannot start in {@link PluginKitIT}.
 */
class PluginContractIT {

    @Test
    void theJarKeepsThePlatformsContract() {
        PluginContract.forBuiltJar().verify();
    }
}
