package dev.overton.contracts;

/**
 * One message of a prompt, in the OpenAI chat shape.
 *
 * @param role {@code user}, {@code system} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {}
