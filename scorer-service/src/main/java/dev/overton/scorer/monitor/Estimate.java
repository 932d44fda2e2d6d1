package dev.overton.scorer.monitor;

/**
 * A metric's mean over a window's prompts, with its 95% percentile bootstrap interval (resampling prompts).
 *
 * @param mean the mean
 * @param low the interval's lower bound, or {@code null} with fewer than two prompts
 * @param high the interval's upper bound, or {@code null} with fewer than two prompts
 * @param n the prompts the mean rests on
 */
public record Estimate(double mean, Double low, Double high, int n) {}
