package dev.overton.generator.runs.persistence;

import java.time.Instant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An accepted run as stored in {@code generator.runs}. */
@Entity
@Table(name = "runs")
public class RunEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String reference;

    /** The accepted spec as JSON. */
    @Column(nullable = false)
    public String spec;

    /** The spec's free-text label, or null. */
    @Column(name = "label")
    public String label;

    @Column(name = "prompt_count", nullable = false)
    public int promptCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The monitor this run is a window of, or null. */
    @Column(name = "monitor_id")
    public String monitorId;

    /** The monitor window's number, or null. */
    @Column(name = "monitor_window")
    public Integer monitorWindow;

    /** When {@code runs} and every generation request were acknowledged by Kafka; null until then. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
