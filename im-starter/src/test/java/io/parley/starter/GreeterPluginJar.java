package io.parley.starter;

import io.parley.testkit.PluginJarBuilder;
import java.nio.file.Path;

/**
 * An outside plugin as its author would ship it for the plugins folder: {@code greeter.GreeterPlugin}, named
 * {@code greeter}, with a library of its own bundled in the jar ({@code greeter.lib}), and the shared SLF4J and
 * Jackson used as the server has them. It contributes the server-API route {@code /greeter/hello.json}
 * ({@code userId} → {@code greeting}, {@code banner}) and the client command {@code greeter.hello} (body → its
 * caller's {@code greeting}, {@code banner}, and the body as {@code json}); its greeting word is the config key
 * {@code greeter.greeting} (default {@code hello}). When its instance closes it sets the system property
 * {@link #CLOSED_PROPERTY} from a bundled class it had not loaded before, which works only while its class loader
 * is still open.
 */
public final class GreeterPluginJar {
    /** Set to {@code greeter closed} by the plugin's instance as it closes. */
    public static final String CLOSED_PROPERTY = "greeter-plugin-test.closed";

    private static final String PLUGIN = """
            package greeter;

            import com.fasterxml.jackson.core.JsonProcessingException;
            import com.fasterxml.jackson.databind.ObjectMapper;
            import greeter.lib.Banner;
            import io.parley.api.plugin.ImPlugin;
            import io.parley.api.plugin.PluginContext;
            import io.parley.api.plugin.PluginInstance;
            import io.parley.api.route.ApiRequest;
            import io.parley.api.route.ApiResponse;
            import io.parley.api.route.ClientCommand;
            import io.parley.api.route.ServerApiRoute;
            import java.util.List;
            import java.util.Map;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;

            public final class GreeterPlugin implements ImPlugin {
                private static final Logger log = LoggerFactory.getLogger(GreeterPlugin.class);
                private static final ObjectMapper JSON = new ObjectMapper();

                @Override
                public String name() {
                    return "greeter";
                }

                @Override
                public PluginInstance create(PluginContext context) {
                    String greeting = context.config().get("greeting", "hello");
                    return new PluginInstance() {
                        @Override
                        public List<ServerApiRoute> serverApiRoutes() {
                            return List.of(new ServerApiRoute() {
                                @Override
                                public String path() {
                                    return "/greeter/hello.json";
                                }

                                @Override
                                public ApiResponse handle(ApiRequest request) {
                                    return ApiResponse.of("greeting", greeting + " " + request.required("userId"),
                                            "banner", Banner.text());
                                }
                            });
                        }

                        @Override
                        public List<ClientCommand> clientCommands() {
                            return List.of(new ClientCommand() {
                                @Override
                                public String name() {
                                    return "greeter.hello";
                                }

                                @Override
                                public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
                                    try {
                                        return Map.of("greeting", greeting + " " + caller.userId(), "banner",
                                                Banner.text(), "json", JSON.writeValueAsString(body));
                                    } catch (JsonProcessingException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                            });
                        }

                        @Override
                        public void start() {
                            log.info("greeter started, saying {}", greeting);
                        }

                        @Override
                        public void close() {
                            System.setProperty("%s", greeter.lib.Farewell.text());
                        }
                    };
                }
            }
            """.formatted(CLOSED_PROPERTY);

    private static final String BANNER = """
            package greeter.lib;

            public final class Banner {
                public static String text() {
                    return "bundled banner 1.0";
                }
            }
            """;

    private static final String FAREWELL = """
            package greeter.lib;

            public final class Farewell {
                public static String text() {
                    return "greeter closed";
                }
            }
            """;

    private GreeterPluginJar() {
    }

    /** Compiles the plugin and writes it, with its bundled library and services entry, to {@code jar}. */
    public static Path writeTo(Path jar) {
        return PluginJarBuilder.create()
                .compiledAgainst(org.slf4j.Logger.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                        com.fasterxml.jackson.core.JsonParser.class,
                        com.fasterxml.jackson.annotation.JsonProperty.class)
                .source("greeter.GreeterPlugin", PLUGIN)
                .source("greeter.lib.Banner", BANNER)
                .source("greeter.lib.Farewell", FAREWELL)
                .listing("greeter.GreeterPlugin")
                .writeTo(jar);
    }
}
