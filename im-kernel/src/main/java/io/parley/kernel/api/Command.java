package io.parley.kernel.api;

import io.parley.api.route.ClientCommand;
import java.util.Map;
import java.util.function.BiFunction;

/** A client command made from a name and a function; the kernel's own commands are declared with it. */
public record Command(String name, BiFunction<ClientCommand.Caller, Map<String, Object>, Map<String, Object>> handler)
        implements ClientCommand {
    @Override
    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
        return handler.apply(caller, body);
    }
}
