package dev.overton.scorer.monitor.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.scorer.monitor.Estimate;
import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.scorer.monitor.MonitorAlarms;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.monitor.WindowPoint;

/**
 * Registers the monitor feature's records for reflection (native image): the events it reads ({@code monitors}) and
 * writes ({@code alarms}, and its outbox), and the REST bodies.
 */
@RegisterForReflection(
        targets = {
            MonitorDefined.class,
            MonitorSpec.class,
            MonitorSpec.Window.class,
            MonitorSpec.Alarms.class,
            MonitorSpec.Retention.class,
            MonitorSpec.Source.class,
            AlarmChanged.class,
            MonitorHistory.class,
            WindowPoint.class,
            Estimate.class,
            MonitorAlarm.class,
            MonitorAlarms.class
        })
public class MonitorReflectionRegistrations {}
