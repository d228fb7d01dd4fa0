package io.parley.api.plugin;

import java.util.List;

/**
 * The users the app has registered ({@link PluginContext#users()}): a user exists once the app server has asked for a
 * token for it. Thread-safe; reads block briefly on metadata: call them from a worker thread (server-API routes and
 * client commands run on one), never from an event loop.
 */
public interface RegisteredUsers {

    /**
     * Registered user ids in id order, {@code limit} at most (1 to 1000) after {@code after} (exclusive; empty for the
     * first page). To walk every user, pass the last id of each page as the next {@code after} until a page comes
     * back shorter than {@code limit}.
     */
    List<String> page(String after, int limit);
}
