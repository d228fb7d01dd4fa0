/**
 * The built-in features (groups, recall, expansion, read receipts, history, the conversation list, system
 * messages), each a plugin on the public SPI in a package of its own; {@code common} holds what they share (reading
 * message content and server-API forms). They depend on im-api, Jackson and SLF4J only, as an outside plugin may:
 * never on {@code io.parley.kernel}, which in turn knows them only through {@link io.parley.builtin.BuiltinPlugins}.
 * {@code BuiltinPluginsTest} (im-starter, ArchUnit) checks both.
 */
package io.parley.builtin;
