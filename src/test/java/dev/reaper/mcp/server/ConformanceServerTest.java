package dev.reaper.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.Peers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reaper's MCP server code against the official conformance suite's server scenarios (the active suite, 2025-11-25),
 * over Streamable HTTP, with the suite's fixed {@code test_*} tools, resources and prompts registered by
 * {@link ConformanceFixture}.
 */
class ConformanceServerTest {

    @Test
    void passesTheActiveServerSuite(@TempDir Path dir) throws Exception {
        Path node = Peers.node22();
        Path conformance = Peers.node22Tool("conformance");
        McpServer server = new McpServer(ConformanceFixture.features(), AuditLog.NONE, "test", null);
        try (StreamableHttpServer http = StreamableHttpServer.start(server,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new HttpGuard(true, Optional.empty(),
                        List.of()))) {
            String url = http.endpoint().toString().replace("127.0.0.1", "localhost");
            Process p = new ProcessBuilder(node.toString(), conformance.toString(), "server", "--url", url,
                    "--suite", "active", "-o", dir.resolve("results").toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the suite finished").isTrue();
            System.out.println(out);
            assertThat(p.exitValue()).as("conformance output:\n" + out).isZero();
            Matcher total = Pattern.compile("Total: (\\d+) passed, (\\d+) failed").matcher(out);
            assertThat(total.find()).as("a summary in:\n" + out).isTrue();
            assertThat(Integer.parseInt(total.group(2))).isZero();
            assertThat(Integer.parseInt(total.group(1))).as("checks passed").isGreaterThanOrEqualTo(39);
        }
    }
}
