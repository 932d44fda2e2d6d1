package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.spec.MeasureGroup;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code overton run}: builds a run spec from the options (or takes a spec file), submits it to the generator, follows
 * its progress until it is complete, then prints the headline results and the verdicts.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Submit a run (a base and an aligned model on a dataset), show its progress, print the headline results.",
            "A model is backend:model[@endpoint]: replay:NAME (answers from a released samples.jsonl, given with"
                    + " --replay-base/--replay-aligned) or openai:MODEL@http://HOST:PORT/v1 (any OpenAI-compatible"
                    + " server; the base is sent raw prompts, the aligned model chat messages). See docs/backends.md.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  F=../shared/fixtures/lima-oe",
            "  overton run --dataset $F/instances/data.jsonl \\",
            "      --base replay:llama-2-base \\",
            "      --replay-base $F/outputs/llama-2-base/samples.jsonl \\",
            "      --aligned replay:llama-2-chat \\",
            "      --replay-aligned $F/outputs/llama-2-chat/samples.jsonl",
            "  overton run --dataset prompts.jsonl --samples 5 --icl knn,summary \\",
            "      --base openai:meta-llama/Llama-2-7b-hf@http://gpu-1:8000/v1 \\",
            "      --aligned openai:meta-llama/Llama-2-7b-chat-hf@http://gpu-1:8001/v1",
            "  overton run --spec examples/lima-oe-base-vs-chat.json"
        })
public class RunCommand extends Subcommand {

    @Option(
            names = "--dataset",
            paramLabel = "FILE",
            description = "prompts, one {\"messages\":[...]} per line (JSONL)")
    Path dataset;

    @Option(
            names = "--base",
            paramLabel = "BACKEND:MODEL[@ENDPOINT]",
            converter = ModelRef.Converter.class,
            description = "the base (pre-alignment) model")
    ModelRef base;

    @Option(
            names = "--aligned",
            paramLabel = "BACKEND:MODEL[@ENDPOINT]",
            converter = ModelRef.Converter.class,
            description = "the aligned model: the reference the others are compared with")
    ModelRef aligned;

    @Option(
            names = "--icl",
            split = ",",
            paramLabel = "KIND",
            description = "in-context variants of the base to build: fixed, random, knn, knn-response, summary,"
                    + " self-summary (comma-separated)")
    List<String> icl = new ArrayList<>();

    @Option(
            names = "--measures",
            split = ",",
            paramLabel = "GROUP",
            description = "measure groups the scorer computes: lexical, diversity, embedding, bertscore, coverage"
                    + " (comma-separated; default: all)")
    List<String> measures = new ArrayList<>();

    @Option(
            names = "--samples",
            defaultValue = "5",
            paramLabel = "N",
            description = "responses per prompt and variant, 1-100. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--replay-base", paramLabel = "FILE", description = "released samples.jsonl for a replay: base")
    Path replayBase;

    @Option(
            names = "--replay-aligned",
            paramLabel = "FILE",
            description = "released samples.jsonl for a replay: aligned model")
    Path replayAligned;

    @Option(
            names = "--base-name",
            paramLabel = "NAME",
            description = "the base variant's name (default: from the model)")
    String baseName;

    @Option(
            names = "--aligned-name",
            paramLabel = "NAME",
            description = "the aligned variant's name (default: from the model)")
    String alignedName;

    @Option(names = "--name", paramLabel = "TEXT", description = "the run's name (default: \"<base> vs <aligned>\")")
    String name;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature for both models")
    Double temperature;

    @Option(names = "--max-tokens", paramLabel = "N", description = "longest response, in tokens, for both models")
    Integer maxTokens;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description = "submit this run spec (JSON, as docs/api.md) instead of building one from the options above")
    Path specFile;

    @Option(names = "--no-wait", description = "submit and print the run id, without following it")
    boolean noWait;

    @Option(
            names = "--poll",
            defaultValue = "2",
            paramLabel = "SECONDS",
            description = "seconds between progress checks. Default: ${DEFAULT-VALUE}")
    int pollSeconds;

    @Option(
            names = "--timeout",
            defaultValue = "0",
            paramLabel = "MINUTES",
            description =
                    "give up waiting after this long (0: wait until the run is complete). Default: ${DEFAULT-VALUE}")
    int timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        String body = body();
        ServiceClient generator = cli.generator();
        ServiceClient.Answer answer = generator.postJson("/runs", body);
        if (answer.status() == 400) {
            throw CliException.badInput("generator-service refused the run spec: " + ServiceClient.problemText(answer));
        }
        generator.requireOk(answer, "POST " + generator.url("/runs"));
        String runId = answer.json().path("id").asText();
        String report = cli.scorer().url("/runs/" + runId + "/report");
        out.println("run " + runId + " submitted to " + generator.url("/runs"));
        if (noWait) {
            out.println("follow it with: overton status " + runId);
            out.println("report (once scored): " + report);
            return ExitCodes.OK;
        }
        JsonNode status = follow(generator, runId, out);
        return Results.print(cli, runId, status, out);
    }

    private String body() throws IOException {
        if (specFile != null) {
            if (dataset != null
                    || base != null
                    || aligned != null
                    || !icl.isEmpty()
                    || !measures.isEmpty()
                    || replayBase != null
                    || replayAligned != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--spec submits a spec file as it is; leave out --dataset, --base, --aligned, --icl, --measures and"
                                + " --replay-*");
            }
            Path file = specFile.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw CliException.badInput("--spec: no readable file at " + file);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        List<String> missing = new ArrayList<>();
        if (dataset == null) {
            missing.add("'--dataset=FILE'");
        }
        if (base == null) {
            missing.add("'--base=BACKEND:MODEL[@ENDPOINT]'");
        }
        if (aligned == null) {
            missing.add("'--aligned=BACKEND:MODEL[@ENDPOINT]'");
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Missing required option" + (missing.size() > 1 ? "s: " : ": ") + String.join(", ", missing)
                            + " (or give a spec file with --spec)");
        }
        if (samples < 1 || samples > 100) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--samples must be from 1 to 100 (responses per prompt), was " + samples);
        }
        List<RunSpecBuilder.IclKind> kinds = new ArrayList<>();
        for (String kind : icl) {
            RunSpecBuilder.IclKind k = RunSpecBuilder.IclKind.of(kind);
            if (k == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--icl: unknown kind '" + kind + "'; use one or more of " + RunSpecBuilder.IclKind.names());
            }
            kinds.add(k);
        }
        for (String group : measures) {
            if (MeasureGroup.find(group.strip()).isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--measures: unknown group '" + group + "'; use one or more of " + MeasureGroup.wireNames());
            }
        }
        return new RunSpecBuilder()
                .measures(measures.stream().map(String::strip).distinct().toList())
                .name(name)
                .dataset(dataset)
                .base(base, baseName, replayBase)
                .aligned(aligned, alignedName, replayAligned)
                .samples(samples)
                .icl(kinds)
                .param("temperature", temperature)
                .param("max_tokens", maxTokens)
                .json();
    }

    private JsonNode follow(ServiceClient generator, String runId, PrintWriter out) throws InterruptedException {
        ProgressView view = new ProgressView(out, cli.terminal());
        Instant deadline = timeoutMinutes > 0 ? Instant.now().plus(Duration.ofMinutes(timeoutMinutes)) : null;
        while (true) {
            JsonNode status = generator.getJson("/runs/" + runId, "no run with id '" + runId + "'");
            view.update(status);
            if ("complete".equals(status.path("status").asText())) {
                return status;
            }
            if (deadline != null && Instant.now().isAfter(deadline)) {
                throw CliException.failed("run " + runId + " is not complete after " + timeoutMinutes
                        + " min (status " + status.path("status").asText() + "); follow it with: overton status "
                        + runId);
            }
            cli.sleeper().sleep(Duration.ofSeconds(Math.max(1, pollSeconds)));
        }
    }
}
