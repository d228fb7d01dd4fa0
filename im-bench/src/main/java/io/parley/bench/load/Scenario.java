package io.parley.bench.load;

/** The load scenarios of the issue. */
public enum Scenario {
    /** Connections that only heartbeat: memory per connection. */
    IDLE("idle"),
    /** Private messages at a target rate (open loop): latency. */
    PRIVATE_OPEN("private-open"),
    /** Private messages, each sender keeping a window of sends in flight (closed loop): the maximum. */
    PRIVATE_CLOSED("private-closed"),
    /** One group of M members, senders among them: fan-out deliveries. */
    GROUP("group"),
    /** One chatroom of M online members, senders among them: broadcast deliveries. */
    CHATROOM("chatroom"),
    /**
     * Head-of-line blocking: senders flood one group of M - 2 members (open loop), while the last two connections,
     * outside the group, chat privately; the private sender's acks are reported apart ({@code probeAckLatency}).
     */
    STORM("storm");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean fanOut() {
        return this == GROUP || this == CHATROOM;
    }

    /** Whether the run needs a Parley group of its members. */
    public boolean usesGroup() {
        return this == GROUP || this == STORM;
    }

    /** Parses the CLI name ({@code private-open}) or the constant name. */
    public static Scenario parse(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName.equalsIgnoreCase(name) || scenario.name().equalsIgnoreCase(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + name
                + " (idle, private-open, private-closed, group, chatroom, storm)");
    }
}
