package dev.reaper.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.store.MessageCodec;
import dev.reaper.store.SessionMeta;
import dev.reaper.store.SessionStore;

/** A stored session as markdown (to read or paste) or JSON (lossless, every block). */
final class SessionExport {

    private SessionExport() {}

    static String json(SessionStore.Loaded s) {
        ObjectNode n = Json.object();
        SessionMeta m = s.meta();
        n.put("id", m.id());
        n.put("created", m.created().toString());
        n.put("updated", m.updated().toString());
        n.put("workspace", m.workspace());
        n.put("model", m.model());
        ArrayNode msgs = n.putArray("messages");
        for (Message msg : s.messages()) {
            msgs.add(MessageCodec.encode(msg));
        }
        return Json.write(n) + "\n";
    }

    static String markdown(SessionStore.Loaded s) {
        SessionMeta m = s.meta();
        StringBuilder sb = new StringBuilder();
        sb.append("# Session ").append(m.id()).append("\n\n");
        sb.append("- Workspace: ").append(m.workspace()).append('\n');
        sb.append("- Model: ").append(m.model()).append('\n');
        sb.append("- Started: ").append(m.created()).append('\n');
        sb.append("- Updated: ").append(m.updated()).append("\n\n");
        for (Message msg : s.messages()) {
            boolean onlyResults = msg.role() == Role.USER && !msg.toolResults().isEmpty() && msg.text().isEmpty();
            if (!onlyResults) {
                sb.append("## ").append(msg.role() == Role.USER ? "User" : "Assistant").append("\n\n");
            }
            for (ContentBlock b : msg.content()) {
                switch (b) {
                    case ContentBlock.Text t -> sb.append(t.text().strip()).append("\n\n");
                    case ContentBlock.ToolUse u -> sb.append("**Tool call** `").append(u.name()).append("`\n\n```json\n")
                            .append(u.argumentsJson()).append("\n```\n\n");
                    case ContentBlock.ToolResult r -> sb.append(r.isError() ? "**Tool error**" : "**Tool result**")
                            .append("\n\n```\n").append(fence(r.content())).append("\n```\n\n");
                    case ContentBlock.Reasoning r -> {
                        if (!r.text().isBlank()) {
                            sb.append("> *Reasoning:* ").append(r.text().strip().replace("\n", "\n> ")).append("\n\n");
                        }
                    }
                    case ContentBlock.Image i -> sb.append("*[image: ").append(i.mediaType()).append("]*\n\n");
                    case ContentBlock.Opaque o -> { }
                }
            }
        }
        return sb.toString();
    }

    private static String fence(String s) {
        return s.replace("```", "`\u200b``").strip();
    }

}
