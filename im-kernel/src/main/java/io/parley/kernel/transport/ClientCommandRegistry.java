package io.parley.kernel.transport;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ClientCommand;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Plugin-contributed client commands by name. Immutable after startup. */
@Singleton
public final class ClientCommandRegistry {
    private final Map<String, ClientCommand> byName = new HashMap<>();

    /** The kernel's own commands (each feature's module contributes them), then the plugins'. */
    @Inject
    public ClientCommandRegistry(Set<KernelCommands> kernel, Set<ClientCommand> single, PluginContributions plugins) {
        this(Stream.of(kernel.stream().flatMap(commands -> commands.commands().stream()), single.stream(),
                plugins.commands().stream()).flatMap(commands -> commands).toList());
    }

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
