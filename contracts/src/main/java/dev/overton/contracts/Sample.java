package dev.overton.contracts;

/**
 * One sampled response.
 *
 * @param index its 0-based index in the sample set
 * @param text the response text, stop strings removed
 * @param finishReason why generation ended ({@code stop}, {@code length}, ...), or {@code null} when unknown
 */
public record Sample(int index, String text, String finishReason) {}
