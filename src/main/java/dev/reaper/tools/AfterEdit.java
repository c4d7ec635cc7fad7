package dev.reaper.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks at the files a tool call has just written and says what the model should know about them now (a
 * language server's errors), to be added to that call's result. It takes little time, and never fails
 * the call: what it cannot find out, it leaves unsaid.
 */
@FunctionalInterface
public interface AfterEdit {

    AfterEdit NONE = (files, context) -> Optional.empty();

    /** @param files the files written, in the order they were written (deleted ones included) */
    Optional<String> report(List<Path> files, ToolContext context);
}
