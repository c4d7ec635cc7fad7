package dev.reaper.protocol;

/** One step of the model's plan for a task (the todo tool), with where it stands. */
public record PlanItem(String content, Status status) {

    public enum Status { PENDING, IN_PROGRESS, COMPLETED }
}
