package dev.overton.generator.sampling.openai;

/**
 * The outcome of one HTTP exchange with a model server; {@code status} is -1 when there was no response ({@code
 * ioError} says why).
 */
record Exchange(int status, String body, String retryAfter, String location, String ioError, long nanos) {}
