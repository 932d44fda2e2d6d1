package dev.overton.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ParentCommand;

/**
 * A command directly under {@code overton} ({@code run}, {@code status}, {@code report}, ...): picocli hands it the
 * parent command, whose options say where the services are, and its own spec, whose writer is where it prints (tests
 * replace it). One place for what each of them would otherwise declare alike.
 */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    OvertonCli cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the command prints its results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
