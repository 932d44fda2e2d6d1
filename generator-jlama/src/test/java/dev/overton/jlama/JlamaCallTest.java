package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.jlama.JlamaCall.Api;
import dev.overton.jlama.JlamaCall.Message;

class JlamaCallTest {

    private static final String MODEL = JlamaModels.SMOLLM2_INSTRUCT;

    @Test
    void chatNeedsMessagesAndNoPrompt() {
        assertThatThrownBy(() -> JlamaCall.chat(MODEL, List.of(), 0.7, 10, null, List.of()))
                .hasMessageContaining("messages must not be empty");
        assertThatThrownBy(() ->
                        new JlamaCall(MODEL, Api.CHAT, List.of(Message.user("hi")), "raw", 0.7, 10, null, List.of()))
                .hasMessageContaining("prompt must be null when api is chat");
    }

    @Test
    void completionsNeedAPromptAndNoMessages() {
        assertThatThrownBy(() -> JlamaCall.completion(MODEL, null, 0.7, 10, null, List.of()))
                .hasMessageContaining("prompt is required");
        assertThatThrownBy(() -> new JlamaCall(
                        MODEL, Api.COMPLETIONS, List.of(Message.user("hi")), "raw", 0.7, 10, null, List.of()))
                .hasMessageContaining("messages must be empty when api is completions");
    }

    @Test
    void samplingParametersAreChecked() {
        assertThatThrownBy(() -> JlamaCall.completion(MODEL, "x", -0.1, 10, null, List.of()))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> JlamaCall.completion(MODEL, "x", Double.NaN, 10, null, List.of()))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> JlamaCall.completion(MODEL, "x", 0.7, 0, null, List.of()))
                .hasMessageContaining("maxTokens must be at least 1");
        assertThatThrownBy(() -> JlamaCall.completion(MODEL, "x", 0.7, 10, null, List.of("")))
                .hasMessageContaining("stop strings must not be null or empty");
        assertThatThrownBy(() -> JlamaCall.completion(" ", "x", 0.7, 10, null, List.of()))
                .hasMessageContaining("model is required");
    }

    @Test
    void rolesAreTheThreeTheTemplateKnows() {
        assertThat(new Message("USER", "x").role()).isEqualTo("user");
        assertThatThrownBy(() -> new Message("tool", "x")).hasMessageContaining("system, user or assistant");
    }

    @Test
    void apiNamesAreTheRunSpecs() {
        assertThat(Api.fromWireName("chat")).isEqualTo(Api.CHAT);
        assertThat(Api.fromWireName("completions")).isEqualTo(Api.COMPLETIONS);
        assertThatThrownBy(() -> Api.fromWireName("completion")).hasMessageContaining("chat or completions");
    }

    @Test
    void withSeedChangesOnlyTheSeed() {
        JlamaCall call = JlamaCall.completion(MODEL, "x", 0.7, 10, 42L, List.of("\n"));

        assertThat(call.withSeed(43L))
                .isEqualTo(new JlamaCall(MODEL, Api.COMPLETIONS, List.of(), "x", 0.7, 10, 43L, List.of("\n")));
    }
}
