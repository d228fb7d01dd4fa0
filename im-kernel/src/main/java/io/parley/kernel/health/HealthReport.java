package io.parley.kernel.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every health check evaluated at one moment, and what they make of readiness: {@code NOT_READY} before the server
 * has started (or once it stops) or while a red check gates {@code NOT_READY}, else {@code BUSY} while a red check
 * gates {@code BUSY}, else {@code READY}. {@code GET /health/ready} and the console's health page both answer from
 * one report, so they cannot disagree.
 *
 * @param started whether every service has started and the server has not begun to stop
 * @param time    when the checks were evaluated, epoch milliseconds
 */
public record HealthReport(boolean started, long time, List<HealthCheck> checks) {
    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** {@code READY}, {@code BUSY} or {@code NOT_READY}. */
    public String status() {
        if (!started || firstRed(HealthCheck.Gate.NOT_READY).isPresent()) {
            return "NOT_READY";
        }
        return firstRed(HealthCheck.Gate.BUSY).isPresent() ? "BUSY" : "READY";
    }

    /** Whether {@code /health/ready} answers 200. */
    public boolean ready() {
        return status().equals("READY");
    }

    /** Why the server is not ready or busy: the value of the first red check that gates it. */
    public Optional<String> reason() {
        if (!started) {
            return Optional.empty();
        }
        return firstRed(HealthCheck.Gate.NOT_READY).or(() -> firstRed(HealthCheck.Gate.BUSY)).map(HealthCheck::value);
    }

    /** The worst level of all checks. */
    public HealthLevel overall() {
        HealthLevel worst = started ? HealthLevel.GREEN : HealthLevel.RED;
        for (HealthCheck check : checks) {
            worst = worst.worst(check.level());
        }
        return worst;
    }

    private Optional<HealthCheck> firstRed(HealthCheck.Gate gate) {
        return checks.stream().filter(check -> check.gate() == gate && check.level() == HealthLevel.RED).findFirst();
    }

    /** The report as JSON fields: status, reason (when there is one), overall level, time and every check. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status());
        reason().ifPresent(reason -> json.put("reason", reason));
        json.put("overall", overall().name().toLowerCase(java.util.Locale.ROOT));
        json.put("time", time);
        json.put("checks", checks.stream().map(HealthCheck::toJson).toList());
        return json;
    }
}
