/**
 * Token distribution shift (Lin et al. 2023, "The Unlocking Spell on Base LLMs", and its AlignTDS code): the base model
 * ranks, position by position, the token an aligned model chose; rank 1 is unshifted, ranks 2–3 marginal, ranks above 3
 * shifted. {@link dev.overton.metrics.tokenshift.AnswerShift} gives one answer's shares, mean log-probability and
 * early-versus-rest shifted shares; {@link dev.overton.metrics.tokenshift.ShiftProfile} the shifted share by relative
 * position; {@link dev.overton.metrics.tokenshift.ShiftedTokens} the most often shifted tokens; {@link
 * dev.overton.metrics.tokenshift.TokenRecovery} how much of the shift an in-context prompt takes back.
 *
 * <p>Plain Java with no framework inside, like the rest of the metrics module. Definitions are also collected in
 * {@code docs/metrics.md} (section "Token distribution shift").
 */
package dev.overton.metrics.tokenshift;
