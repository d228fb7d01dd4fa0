package io.parley.starter.web;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Something an operator can do from the console, carried out by one server-API route: the console turns the
 * parameters the page sends into that route's form parameters and calls the route through the same guards and code
 * as a signed call, so the console can do nothing the server API does not do, the same way. An action that
 * {@link #changes} something asks for confirmation in the page and is written to the audit log; a look-up does not.
 *
 * @param name    the name the page posts to, {@code /console/api/actions/<name>}
 * @param label   what the page calls it
 * @param route   the server-API path that carries it out
 * @param params  the parameters it takes, in the order the page shows them
 * @param changes whether it changes something (confirmed and audited) rather than looks something up
 * @param section where the page shows it: {@code user} (with a looked-up user), or a form of its own
 */
record ConsoleAction(String name, String label, String route, List<Param> params, boolean changes, String section) {

    /**
     * A parameter of an action.
     *
     * @param name     the route's form parameter
     * @param label    what the page calls it
     * @param required whether the action needs it
     * @param byServer when present, filled in by the console from the time now (epoch ms) when the page gives none,
     *                 e.g. the {@code time} before which tokens expire
     */
    record Param(String name, String label, boolean required, Optional<LongFunction<String>> byServer) {
        Param {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(label, "label is null");
            Objects.requireNonNull(byServer, "byServer is null");
        }

        static Param required(String name, String label) {
            return new Param(name, label, true, Optional.empty());
        }

        static Param optional(String name, String label) {
            return new Param(name, label, false, Optional.empty());
        }

        static Param now(String name, String label) {
            return new Param(name, label, true, Optional.of(String::valueOf));
        }
    }

    ConsoleAction {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(route, "route is null");
        params = List.copyOf(params);
    }

    /**
     * The route's form parameters from what the page sent (a JSON object of strings): every required one present, no
     * unknown one; a 1002 error naming the parameter otherwise.
     */
    Map<String, List<String>> formParameters(Map<String, String> given, long now) {
        for (String key : given.keySet()) {
            if (params.stream().noneMatch(param -> param.name().equals(key))) {
                throw ImException.invalidParameter(name + " takes no parameter " + key + "; it takes "
                        + params.stream().map(Param::name).toList());
            }
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (Param param : params) {
            String value = given.getOrDefault(param.name(), "").trim();
            if (value.isEmpty() && param.byServer().isPresent()) {
                value = param.byServer().get().apply(now);
            }
            if (value.isEmpty()) {
                if (param.required()) {
                    throw ImException.invalidParameter(param.name() + " is required (" + param.label() + ")");
                }
                continue;
            }
            form.put(param.name(), List.of(value));
        }
        return form;
    }

    /** What the page is told of the action. */
    Map<String, Object> describe() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Param param : params) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", param.name());
            field.put("label", param.label());
            field.put("required", param.required() && param.byServer().isEmpty());
            fields.add(field);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("label", label);
        json.put("route", route);
        json.put("changes", changes);
        json.put("section", section);
        json.put("params", fields);
        return json;
    }
}
