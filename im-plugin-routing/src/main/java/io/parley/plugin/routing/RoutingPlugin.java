package io.parley.plugin.routing;

import io.parley.api.plugin.ImPlugin;

/**
 * The routing plugin: full message routing and presence webhooks to the integrator's app server, through
 * a durable outbox. It will contribute listeners of committed messages and presence changes, and the
 * routing-sink provider factories that deliver them.
 *
 * <p>This is a shell until its issue lands: it only names itself and contributes nothing yet.
 */
public final class RoutingPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code routing.*}). */
    @Override
    public String name() {
        return "routing";
    }
}
