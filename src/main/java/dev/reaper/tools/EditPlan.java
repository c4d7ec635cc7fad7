package dev.reaper.tools;

import java.util.List;

/** What an editing call would do, before anything is written, and how to report it once done. */
public record EditPlan(List<FileEdit> edits, String summary) {

    public EditPlan {
        edits = List.copyOf(edits);
    }
}
