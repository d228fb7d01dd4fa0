package io.parley.kernel.feature;

import io.parley.api.route.ClientCommand;
import java.util.List;

/**
 * Client commands one of the kernel's own features serves. Each feature's module adds its implementations to a
 * Guice multibinder ({@code Multibinder<KernelCommands>}, or {@code Multibinder<ClientCommand>} for a single command);
 * the command registry takes them all, then the plugins' commands. The order in which features contribute does not
 * matter: commands are looked up by name.
 */
public interface KernelCommands {
    /** The commands, each with a name no other command has. Called once, while the server is put together. */
    List<ClientCommand> commands();
}
