package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** The resources an MCP server offers: listed ones, URI templates, reading one, and noticing that one changed. */
public interface ServedResources {

    ServedResources NONE = new ServedResources() {
        @Override
        public List<ObjectNode> list() {
            return List.of();
        }

        @Override
        public Optional<ObjectNode> read(String uri) {
            return Optional.empty();
        }
    };

    /** Every listed resource ({@code uri}, {@code name}, {@code description}, {@code mimeType}); the server pages them. */
    List<ObjectNode> list();

    /** The URI templates ({@code uriTemplate}, {@code name}, {@code description}, {@code mimeType}). */
    default List<ObjectNode> templates() {
        return List.of();
    }

    /**
     * The {@code resources/read} result ({@code contents}) for a URI, or empty when there is no such resource.
     *
     * @throws IllegalArgumentException when the resource exists but may not be read (outside the workspace, too
     *     large, denied), saying why
     */
    Optional<ObjectNode> read(String uri);

    /**
     * Something that changes when the resource does (a modification time and size), for subscriptions; empty when
     * there is no such resource.
     */
    default Optional<String> stamp(String uri) {
        return read(uri).map(r -> Integer.toString(r.hashCode()));
    }
}
