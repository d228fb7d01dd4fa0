package io.parley.protocol.body;

/** DELIVER: a message pushed to an online device. A hint: the inbox is the truth, and SYNC recovers any miss. */
public record DeliverBody(WireMessage message) {
}
