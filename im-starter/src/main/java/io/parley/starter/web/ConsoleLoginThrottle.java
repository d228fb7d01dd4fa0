package io.parley.starter.web;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing at the operator console, per source address. {@code console.login.max-failures}
 * wrong credentials from one address, each within {@code console.login.lockout} of the one before, lock that
 * address out for {@code console.login.lockout}; each further lock-out of an address that goes on failing doubles
 * it, up to {@link #MAX_DOUBLINGS} doublings. While an address is locked out every request from it is refused at
 * once, the right password too (so a lock-out tells a guesser nothing), and nothing sleeps. A right password
 * clears nothing: callers behind one address (a NAT, a proxy) cannot wipe each other's failures.
 *
 * <p>An IPv6 address counts by its /64 network, since one host usually holds a whole /64. At most
 * {@code console.login.tracked-addresses} addresses are remembered; past that the one heard from longest ago is
 * forgotten, and an address with no failure for as long as its next lock-out would last is forgotten too. Failures are counted in {@code im.web.console.login.failures{reason=wrong-password|locked-out}} and
 * logged at WARN, at most one line per {@link #LOG_INTERVAL} summing up those since the line before. Thread-safe.
 */
final class ConsoleLoginThrottle {
    private static final String FAILURES = "Console requests refused: a wrong password (wrong-password), or from an"
            + " address locked out after too many (locked-out)";
    static final int MAX_DOUBLINGS = 6;
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConsoleLoginThrottle.class);

    /** One address's failures: those since its last lock-out, its lock-outs so far, and until when it is locked out. */
    private record Failures(int sinceLockout, int lockouts, long lastFailureAt, long lockedUntil) {
    }

    private final int maxFailures;
    private final long lockoutMillis;
    private final LongSupplier clock;
    private final Map<String, Failures> byAddress;
    private final Counter wrongPasswords;
    private final Counter lockedOutRefusals;
    private long nextLogAt = Long.MIN_VALUE;
    private int wrongSinceLog;
    private int refusedSinceLog;

    ConsoleLoginThrottle(int maxFailures, Duration lockout, int trackedAddresses, LongSupplier clock,
            MeterRegistry registry) {
        this.maxFailures = maxFailures;
        this.lockoutMillis = lockout.toMillis();
        this.clock = clock;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > trackedAddresses;
            }
        };
        this.wrongPasswords = Meters.counter(registry, "im.web.console.login.failures", FAILURES,
                "reason", "wrong-password");
        this.lockedOutRefusals = Meters.counter(registry, "im.web.console.login.failures", FAILURES,
                "reason", "locked-out");
    }

    /**
     * If {@code clientIp} is locked out, counts the refusal and answers how long it still is; the request must then be
     * refused without looking at its credentials.
     */
    synchronized Optional<Duration> lockedOut(String clientIp) {
        long now = clock.getAsLong();
        Failures failures = current(addressKey(clientIp), now);
        if (failures == null || failures.lockedUntil() <= now) {
            return Optional.empty();
        }
        lockedOutRefusals.increment();
        refusedSinceLog++;
        report(clientIp, now, failures);
        return Optional.of(Duration.ofMillis(failures.lockedUntil() - now));
    }

    /** Counts wrong credentials from {@code clientIp}; answers the lock-out they started, if they started one. */
    synchronized Optional<Duration> failed(String clientIp) {
        long now = clock.getAsLong();
        String key = addressKey(clientIp);
        Failures before = current(key, now);
        int sinceLockout = (before == null ? 0 : before.sinceLockout()) + 1;
        int lockouts = before == null ? 0 : before.lockouts();
        long lockedUntil = before == null ? 0 : before.lockedUntil();
        Optional<Duration> started = Optional.empty();
        if (sinceLockout >= maxFailures) {
            Duration lockout = lockoutAfter(lockouts);
            started = Optional.of(lockout);
            lockedUntil = now + lockout.toMillis();
            lockouts++;
            sinceLockout = 0;
        }
        Failures after = new Failures(sinceLockout, lockouts, now, lockedUntil);
        byAddress.put(key, after);
        wrongPasswords.increment();
        wrongSinceLog++;
        report(clientIp, now, after);
        return started;
    }

    /** The lock-out that follows {@code lockouts} earlier ones: doubled for each, up to {@link #MAX_DOUBLINGS} times. */
    private Duration lockoutAfter(int lockouts) {
        return Duration.ofMillis(lockoutMillis << Math.min(lockouts, MAX_DOUBLINGS));
    }

    /** An address's failures, or null once they are forgotten: no failure for as long as its next lock-out would last. */
    private Failures current(String key, long now) {
        Failures failures = byAddress.get(key);
        if (failures != null && now >= failures.lockedUntil()
                && now - failures.lastFailureAt() > lockoutAfter(failures.lockouts()).toMillis()) {
            byAddress.remove(key);
            return null;
        }
        return failures;
    }

    private void report(String clientIp, long now, Failures latest) {
        if (now < nextLogAt) {
            return;
        }
        String state = latest.lockedUntil() > now
                ? "locked out for " + Duration.ofMillis(latest.lockedUntil() - now).toSeconds() + " s more"
                : latest.sinceLockout() + " of " + maxFailures + " wrong passwords before a lock-out";
        log.warn("operator console: {} wrong password(s) and {} request(s) refused while locked out since the last "
                + "report; the latest from {} ({})", wrongSinceLog, refusedSinceLog, clientIp, state);
        wrongSinceLog = 0;
        refusedSinceLog = 0;
        nextLogAt = now + LOG_INTERVAL.toMillis();
    }

    /**
     * What failures are counted by: the address itself, or for IPv6 its /64 network. {@code clientIp} comes from the
     * socket, so it is a literal; anything else is used as it is, never handed to a resolver.
     */
    static String addressKey(String clientIp) {
        String bare = clientIp.contains("%") ? clientIp.substring(0, clientIp.indexOf('%')) : clientIp;
        // only an IPv6 literal: made of hex digits, dots and colons, which InetAddress parses without a look-up
        if (!bare.contains(":") || !bare.matches("[0-9a-fA-F:.]+")) {
            return clientIp;
        }
        try {
            InetAddress address = InetAddress.getByName(bare);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] network = address.getAddress();
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return clientIp;
        }
    }
}
