package io.integrationhost.bamboohr.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Local stand-ins for BambooHR: a WireMock stub on loopback, or a port nothing listens on. */
public final class LocalStub {

    private LocalStub() {
    }

    /** A WireMock stub on a free loopback port, reset between tests. */
    public static WireMockExtension bambooHr() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** The base URL of a loopback port that was just free and is closed again, so connecting is refused. */
    public static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
