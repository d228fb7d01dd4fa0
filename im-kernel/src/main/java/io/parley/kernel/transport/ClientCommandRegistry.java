package io.parley.kernel.transport;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ClientCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plugin-contributed client commands by name. Immutable after startup. */
public final class ClientCommandRegistry {
    private final Map<String, ClientCommand> byName = new HashMap<>();

    public ClientCommandRegistry(List<ClientCommand> commands) {
        for (ClientCommand command : commands) {
            if (byName.putIfAbsent(command.name(), command) != null) {
                throw ImException.invalidParameter("two client commands are named " + command.name());
            }
        }
    }

    /** Every command's name, sorted. */
    public java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }

    public ClientCommand get(String name) {
        ClientCommand command = name == null ? null : byName.get(name);
        if (command == null) {
            throw new ImException(StandardErrorCode.UNKNOWN_COMMAND, "unknown command: " + name);
        }
        return command;
    }
}
