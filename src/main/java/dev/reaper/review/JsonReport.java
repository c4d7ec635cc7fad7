package dev.reaper.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;

/** The review as one JSON document, for scripts. */
final class JsonReport {

    private JsonReport() {}

    static String write(ReviewReport r) {
        ObjectNode root = Json.object();
        root.put("target", r.target());
        r.files().forEach(root.putArray("files")::add);
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("path", f.path());
            n.put("start_line", f.startLine());
            n.put("end_line", f.endLine());
            n.put("severity", f.severity().id());
            n.put("category", f.category().id());
            n.put("message", f.message());
            if (f.fix() != null) {
                n.put("fix", f.fix());
            }
        }
        r.notes().forEach(root.putArray("notes")::add);
        root.put("cost_usd", r.costUsd());
        return Json.write(root) + "\n";
    }
}
