package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The command tests' set-up, registered with {@code @RegisterExtension}: {@link FakeServices} started before each test
 * and closed after it, and the client run against them with what it prints and its errors captured. The options that
 * point the client at the services ({@code --generator}, {@code --scorer}) are given once, when the harness is made.
 */
final class CliHarness implements BeforeEachCallback, AfterEachCallback {

    private final List<String> serviceOptions;
    private FakeServices services;
    private StringWriter out;
    private StringWriter err;

    /** A harness whose runs set each of {@code serviceOptions} to the fake services' URL. */
    CliHarness(String... serviceOptions) {
        this.serviceOptions = List.of(serviceOptions);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        services = new FakeServices();
        out = new StringWriter();
        err = new StringWriter();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        services.close();
    }

    /** The fake services of the running test. */
    FakeServices services() {
        return services;
    }

    /** What the client printed so far in this test. */
    String out() {
        return out.toString();
    }

    /** The client's errors so far in this test. */
    String err() {
        return err.toString();
    }

    /** Runs the client with {@code args} after the service options, and answers its exit code. */
    int run(String... args) {
        List<String> all = new ArrayList<>();
        for (String option : serviceOptions) {
            all.add(option);
            all.add(services.url());
        }
        all.addAll(List.of(args));
        return OvertonCli.execute(
                new OvertonCli(HttpClient.newHttpClient(), false, d -> {}),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                all.toArray(String[]::new));
    }
}
