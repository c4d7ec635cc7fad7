package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import java.util.List;

/** Weighs the answers of several models to one request, for {@code speculate}. */
public interface Scorer {

    /** One model's answer. */
    record Answer(ModelRef model, ChatResponse response) {}

    /** The index of the best answer and why it won. */
    record Verdict(int best, String reason) {}

    Verdict pick(ChatRequest request, List<Answer> answers, Dispatch dispatch, Cancellation cancel);
}
