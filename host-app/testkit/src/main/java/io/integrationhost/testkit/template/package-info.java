/**
 * The plugin project template: {@code java -jar plugin-testkit-VERSION.jar --id acme} writes a Maven
 * project whose jar the host loads unchanged and whose tests use this kit. Uses nothing but the JDK, so
 * the kit's jar runs on its own.
 */
package io.integrationhost.testkit.template;
