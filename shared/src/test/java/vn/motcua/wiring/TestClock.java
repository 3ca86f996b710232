package vn.motcua.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the services' unit tests move by hand. */
public final class TestClock extends Clock {

    private Instant now;

    public TestClock(Instant now) { this.now = now; }

    public void set(Instant at) { now = at; }

    public void advance(Duration by) { now = now.plus(by); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return Clock.fixed(now, zone); }
    @Override public Instant instant() { return now; }
}
