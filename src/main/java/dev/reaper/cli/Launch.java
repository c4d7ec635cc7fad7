package dev.reaper.cli;

import dev.reaper.config.Env;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a run of Reaper gets from its process: environment, working directory, standard streams and
 * whether they are terminals. Tests build their own to run the whole CLI in-process.
 *
 * @param stdinIsTty  a terminal stdin is never read as input to a one-shot prompt
 * @param stdoutIsTty the full-screen interface runs only when stdin and stdout are terminals
 * @param stderrIsTty colour goes only to a terminal
 */
public record Launch(Env env, Path cwd, InputStream stdin, boolean stdinIsTty, PrintWriter out, PrintWriter err,
                     boolean stdoutIsTty, boolean stderrIsTty) {}
