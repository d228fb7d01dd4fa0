package io.parley.plugin.moderation;

import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.moderation.callback.CallbackConfig;
import io.parley.plugin.moderation.callback.MessageCallbackInterceptor;
import io.parley.plugin.moderation.rate.ClientRateLimitInterceptor;
import io.parley.plugin.moderation.rate.RateLimitConfig;
import io.parley.plugin.moderation.rate.ServerApiRateGuard;
import io.parley.plugin.moderation.rate.TokenBucketLimiter;
import io.parley.plugin.moderation.users.BanApi;
import io.parley.plugin.moderation.users.BanConnectionGuard;
import io.parley.plugin.moderation.users.BanStore;
import io.parley.plugin.moderation.users.UserListApi;
import io.parley.plugin.moderation.users.UserListInterceptor;
import io.parley.plugin.moderation.users.UserListStore;
import io.parley.plugin.moderation.words.SensitiveWordApi;
import io.parley.plugin.moderation.words.SensitiveWordInterceptor;
import io.parley.plugin.moderation.words.WordStore;
import io.parley.plugin.moderation.words.WordsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the plugin contributes to one server, built once from its context: all config keys are read
 * here (so a typo fails startup) and the stores load from metadata; {@link #start()} schedules the background tasks
 * (word-file reload, ban sweep) on the kernel's scheduler. Built on the starting thread; may block on storage.
 */
final class Moderation implements PluginInstance {
    private final List<MessageInterceptor> interceptors = new ArrayList<>();
    private final List<ServerApiRoute> routes = new ArrayList<>();
    private final List<ServerApiGuard> apiGuards = new ArrayList<>();
    private final List<ConnectionGuard> connectionGuards = new ArrayList<>();
    private final Runnable startTasks;

    Moderation(PluginContext context) {
        PluginConfig config = context.config();
        context.metrics()
                .describe("im.moderation.api.ratelimited", "Server-API calls refused (429, 1008) by their endpoint's rate limit")
                .describe("im.moderation.ratelimited", "Client sends refused (20604) by the per-client rate limit")
                .describe("im.moderation.callback.latency", "Time the message callback to the app server took")
                .describe("im.moderation.callback.outcome", "Message callback answers, by outcome")
                .describe("im.moderation.words.hits", "Messages that matched a sensitive word, by action");
        MetadataStore metadata = context.storage().metadata();

        WordsConfig words = WordsConfig.from(config);
        CallbackConfig callback = CallbackConfig.from(config);
        RateLimitConfig rate = RateLimitConfig.from(config);
        boolean whitelistMode = config.getBoolean("whitelist.enabled", true);

        WordStore wordStore = new WordStore(metadata, words);
        interceptors.add(new SensitiveWordInterceptor(wordStore, words, context.metrics()));
        routes.addAll(new SensitiveWordApi(wordStore).routes());

        if (callback.enabled()) {
            interceptors.add(new MessageCallbackInterceptor(callback, context.appKey(),
                    context.appSecret(), context.clock(), context.metrics()));
        }

        BanStore bans = new BanStore(metadata, context.clock());
        connectionGuards.add(new BanConnectionGuard(bans));
        routes.addAll(new BanApi(bans, context.online()).routes());

        UserListStore blacklist = new UserListStore(metadata, "moderation.blacklist");
        UserListStore whitelist = new UserListStore(metadata, "moderation.whitelist");
        interceptors.add(new UserListInterceptor(blacklist, whitelist, whitelistMode));
        routes.addAll(new UserListApi(blacklist, "blacklist", "blackUserId").routes());
        routes.addAll(new UserListApi(whitelist, "whitelist", "whiteUserId").routes());

        if (rate.clientPerSecond() > 0) {
            interceptors.add(new ClientRateLimitInterceptor(new TokenBucketLimiter(rate.clientPerSecond(),
                    rate.clientBurst(), rate.clientMaxTracked(), System::nanoTime), context.metrics()));
        }
        if (rate.serverApi().enabled()) {
            apiGuards.add(new ServerApiRateGuard(rate.serverApi(), context.metrics(), System::nanoTime,
                    context.sharedRateLimits()));
        }
        this.startTasks = () -> {
            wordStore.scheduleReload(context.scheduler());
            bans.scheduleSweep(context.scheduler());
        };
    }

    @Override
    public void start() {
        startTasks.run();
    }

    @Override
    public List<MessageInterceptor> interceptors() {
        return List.copyOf(interceptors);
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes() {
        return List.copyOf(routes);
    }

    @Override
    public List<ServerApiGuard> serverApiGuards() {
        return List.copyOf(apiGuards);
    }

    @Override
    public List<ConnectionGuard> connectionGuards() {
        return List.copyOf(connectionGuards);
    }
}
