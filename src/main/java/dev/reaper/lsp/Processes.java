package dev.reaper.lsp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends processes: a grace period to exit on their own, then a request to stop, then no choice. */
final class Processes {

    private Processes() {}

    static void end(List<ProcessHandle> processes, Duration grace) {
        waitFor(processes, grace);
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        waitFor(processes, Duration.ofSeconds(1));
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        waitFor(processes, Duration.ofSeconds(1));
    }

    private static void waitFor(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle p : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
