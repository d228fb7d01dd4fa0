package io.parley.api.route;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * A client command made of a name and a function, so that one class can contribute a family of commands.
 * Called like any command: on a kernel worker thread; may block briefly.
 */
public record FunctionCommand(String name, BiFunction<Caller, Map<String, Object>, Map<String, Object>> handler)
        implements ClientCommand {
    public FunctionCommand {
        requireNonNull(name, "name is null");
        requireNonNull(handler, "handler is null");
    }

    @Override
    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
        return handler.apply(caller, body);
    }
}
