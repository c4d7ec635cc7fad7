package dev.reaper.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The review as SARIF 2.1.0, as GitHub code scanning takes it: one rule per category (security ones
 * carry a {@code security-severity}), one result per finding with its level, location and a stable
 * fingerprint; the suggested fix goes in the result's properties and its markdown message.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {}

    static String write(ReviewReport r, String version) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Reaper");
        driver.put("semanticVersion", version);
        driver.put("informationUri", "https://reaper.dev");
        ArrayNode rules = driver.putArray("rules");
        for (Category c : Category.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", ruleId(c));
            rule.put("name", c.id());
            rule.putObject("shortDescription").put("text", describe(c));
            rule.putObject("defaultConfiguration").put("level", "warning");
            ObjectNode props = rule.putObject("properties");
            props.putArray("tags").add(c.id()); // "security" marks security alerts for GitHub code scanning
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", ruleId(f.category()));
            res.put("ruleIndex", f.category().ordinal());
            res.put("level", level(f.severity()));
            ObjectNode message = res.putObject("message");
            message.put("text", f.message());
            if (f.fix() != null) {
                message.put("markdown", f.message() + "\n\nSuggested fix:\n\n```diff\n" + f.fix().strip() + "\n```");
            }
            ObjectNode loc = res.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", f.path()).put("uriBaseId", "%SRCROOT%");
            loc.putObject("region").put("startLine", f.startLine()).put("endLine", f.endLine());
            res.putObject("partialFingerprints").put("reaperFinding/v1", fingerprint(f));
            ObjectNode props = res.putObject("properties");
            props.put("severity", f.severity().id());
            props.put("category", f.category().id());
            if (f.category() == Category.SECURITY) {
                props.put("security-severity", securitySeverity(f.severity()));
            }
            if (f.fix() != null) {
                props.put("fix", f.fix());
            }
        }
        if (!r.notes().isEmpty()) {
            ArrayNode notifications = run.putArray("invocations").addObject().put("executionSuccessful", true)
                    .putArray("toolExecutionNotifications");
            r.notes().forEach(n -> notifications.addObject().put("level", "note").putObject("message").put("text", n));
        }
        return Json.write(root) + "\n";
    }

    static String ruleId(Category c) {
        return "reaper/" + c.id();
    }

    private static String describe(Category c) {
        return switch (c) {
            case BUG -> "A defect: wrong results, crashes, broken edge cases";
            case SECURITY -> "A security problem: injection, secrets, unsafe deserialisation, path traversal and the like";
            case PERFORMANCE -> "Needless work: a slower algorithm, repeated I/O, unbounded growth";
            case STYLE -> "Readability and conventions of the codebase";
            case TEST -> "Missing or weak tests for the change";
        };
    }

    /** SARIF levels: error for high and critical, warning for medium, note below. */
    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub's security-severity: a CVSS-like score as a string. */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.5";
        };
    }

    /** Stable across runs while the finding's file, category and message stay the same (lines move). */
    private static String fingerprint(Finding f) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((f.path() + "\n" + f.category().id() + "\n" + f.message()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
