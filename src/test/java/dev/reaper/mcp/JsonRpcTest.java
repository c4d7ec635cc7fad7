package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.json.Json;
import dev.reaper.mcp.protocol.JsonRpc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading one incoming line: what it is, or why it is not JSON-RPC. */
class JsonRpcTest {

    @Test
    void responsesRequestsAndNotificationsAreToldApart() {
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"ok\":true}}"))
                .isEqualTo(new JsonRpc.Response(Json.parse("3"), Optional.of(Json.parse("{\"ok\":true}")),
                        Optional.empty()));
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"bad\"}}"))
                .isEqualTo(new JsonRpc.Response(Json.parse("4"), Optional.empty(),
                        Optional.of(new JsonRpc.Error(-32602, "bad", Optional.empty()))));
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}"))
                .isEqualTo(new JsonRpc.Request(Json.parse("\"a\""), "ping", Json.object()));
        assertThat(JsonRpc.read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"p\":1}}"))
                .isEqualTo(new JsonRpc.Notification("notifications/progress", Json.parse("{\"p\":1}")));
    }

    @Test
    void whatIsNotJsonRpcSaysWhy() {
        assertThatThrownBy(() -> JsonRpc.read("Server started")).hasMessage("not JSON: Server started");
        assertThatThrownBy(() -> JsonRpc.read("[{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]"))
                .hasMessageStartingWith("not a JSON-RPC message object (batches are not used by MCP)");
        assertThatThrownBy(() -> JsonRpc.read("{\"id\":1,\"result\":{}}"))
                .hasMessageStartingWith("not JSON-RPC 2.0");
        assertThatThrownBy(() -> JsonRpc.read("{\"jsonrpc\":\"2.0\",\"id\":1}"))
                .hasMessageStartingWith("a response with neither result nor error");
        assertThatThrownBy(() -> JsonRpc.read("x".repeat(500))).hasMessage("not JSON: " + "x".repeat(120) + "…");
    }
}
