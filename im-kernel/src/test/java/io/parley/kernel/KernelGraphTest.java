package io.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.http.RouteRegistry;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.InterceptorChain;
import io.parley.kernel.transport.SessionOpening;
import io.parley.kernel.transport.SessionRequests;
import io.parley.kernel.user.DeactivatedUserGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph the feature modules contribute to: every kernel feature's routes, commands, business types, guard and
 * interceptor steps reach the registries, the kernel's before the plugins' where order counts, and the steps in their
 * fixed order whatever order the modules contributed them in.
 */
class KernelGraphTest {
    @TempDir
    Path dataDir;

    private ParleyServer server;

    private final ConnectionGuard pluginGuard = new ConnectionGuard() {
        @Override
        public String name() {
            return "graph-test";
        }

        @Override
        public void checkConnect(String userId, String deviceId, Platform platform, String clientIp) {
        }
    };

    private final ImPlugin plugin = new ImPlugin() {
        @Override
        public String name() {
            return "graph-test";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            return new PluginInstance() {
                @Override
                public List<MessageInterceptor> interceptors() {
                    return List.of(new MessageInterceptor() {
                        @Override
                        public String name() {
                            return "graph-test.pass";
                        }

                        @Override
                        public boolean mayBlock() {
                            return false;
                        }

                        @Override
                        public Decision decide(io.parley.api.model.OutgoingMessage message) {
                            return Decision.proceed();
                        }
                    });
                }

                @Override
                public List<ServerApiRoute> serverApiRoutes() {
                    return List.of(new FunctionRoute("/graph-test/ping.json", request -> ApiResponse.ok()));
                }

                @Override
                public List<ClientCommand> clientCommands() {
                    return List.of(new FunctionCommand("graph-test.ping", (caller, body) -> Map.of()));
                }

                @Override
                public List<ConnectionGuard> connectionGuards() {
                    return List.of(pluginGuard);
                }
            };
        }
    };

    @BeforeEach
    void start() {
        server = Parley.builder().isolated().discoverPlugins(false).plugin(plugin)
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1",
                        "data.dir", dataDir.toString()))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theBuiltInLastStepsRunAfterThePluginsInterceptorsInNameOrder() {
        assertThat(server.kernelObject(InterceptorChain.class).names()).containsExactly("graph-test.pass",
                "kernel.peer-read", "kernel.read-receipts", "kernel.read-sync", "kernel.recall");
    }

    @Test
    void everyFeatureContributesItsRoutesAndThePluginsFollow() {
        Map<String, String> owners = server.kernelObject(RouteRegistry.class).owners();
        assertThat(owners).containsKeys("/user/getToken.json", "/user/abandon.json", "/user/chat/fb/set.json",
                "/user/remarks/set.json", "/message/private/publish.json", "/message/discussion/publish.json",
                "/group/create.json", "/group/user/gag/add.json", "/group/remarks/set.json",
                "/message/group/publish.json", "/message/system/publish.json", "/message/recall.json",
                "/message/expansion/set.json", "/conversation/notification/set.json", "/statistics/query.json",
                "/message/history.json");
        assertThat(owners).containsEntry("/message/history.json", "history")
                .containsEntry("/graph-test/ping.json", "graph-test");
    }

    @Test
    void everyFeatureContributesItsCommandsAndThePluginsFollow() {
        assertThat(server.kernelObject(SessionRequests.class).commands().names()).containsExactlyInAnyOrder(
                "conversation.delete", "conversation.list", "conversation.pin", "conversation.read",
                "message.expansion.delete", "message.expansion.query", "message.expansion.set", "message.receipts",
                "history.query", "user.info", "group.info", "graph-test.ping");
    }

    @Test
    void theKernelsGuardIsAskedBeforeThePlugins() {
        List<ConnectionGuard> guards = server.kernelObject(SessionOpening.class).connectionGuards();
        assertThat(guards).hasSize(2);
        assertThat(guards.get(0)).isInstanceOf(DeactivatedUserGuard.class);
        assertThat(guards.get(1)).isSameAs(pluginGuard);
    }

    @Test
    void theKernelsBusinessTypesAreInstalled() {
        BusinessTypeRegistry types = server.kernelObject(BusinessTypeRegistry.class);
        assertThat(types.find(ConversationType.PRIVATE)).isPresent();
        assertThat(types.find(ConversationType.GROUP)).isPresent();
        assertThat(types.find(ConversationType.SYSTEM)).isPresent();
    }

    @Test
    void theGraphHoldsOneOfEachSingleton() {
        assertThat(server.kernelObject(RouteRegistry.class)).isSameAs(server.kernelObject(RouteRegistry.class));
        assertThat(server.kernelObject(SessionRequests.class).pipeline())
                .isSameAs(server.kernelObject(io.parley.kernel.message.MessagePipeline.class));
    }
}
