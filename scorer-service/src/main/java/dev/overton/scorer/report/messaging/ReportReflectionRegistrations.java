package dev.overton.scorer.report.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.RecoveryReport;

/**
 * Registers the event types the report feature reads and writes with Jackson by reflection (the recovery verdicts), so
 * that the native image handles them too; the contracts module is plain Java and cannot carry the annotation.
 */
@RegisterForReflection(targets = {RecoveryReport.class, RecoveryReport.Recovery.class})
public class ReportReflectionRegistrations {}
