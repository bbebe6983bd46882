package io.integrationhost.bamboohr;

import org.pf4j.Plugin;

/** The BambooHR plugin's lifecycle. Its resources live in the extensions, which the host closes on stop. */
public class BambooHrPlugin extends Plugin {
}
