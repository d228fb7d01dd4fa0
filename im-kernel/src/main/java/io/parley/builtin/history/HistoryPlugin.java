package io.parley.builtin.history;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.DownloadRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.MessageStore;
import java.util.List;

/**
 * History, a built-in plugin named {@code history} (config {@code history.*}: {@code dir}, {@code base-url},
 * {@code zone}, {@code link-ttl}): the client command {@code history.query} ({@link HistoryQueryCommand}); the server
 * API's history endpoints ({@link HistoryApi}: {@code /message/history.json}, {@code /message/history/delete.json},
 * {@code /conversation/message/history/clean.json}, {@code /v3/message/private|group/query.json}); and the signed,
 * expiring downloads of the hourly files on the HTTP port ({@link HistoryDownloads}: {@code GET /history/files/…},
 * links signed with {@code app.secret}, naming {@code history.base-url} or else the port the server bound).
 */
public final class HistoryPlugin implements ImPlugin {
    public static final String NAME = "history";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        HistoryConfig config = HistoryConfig.from(context.config(), context.dataDir());
        MessageStore store = context.storage().messages();
        HourlyArchive archive = new HourlyArchive(store, config, context.appKey(), context.clock());
        HistoryDownloads downloads = new HistoryDownloads(archive, context.appSecret(), context.clock(),
                config.linkTtl());
        // the bound port is known once the HTTP port opens: asked for when a link is made
        HistoryApi api = new HistoryApi(store, archive, downloads,
                () -> config.baseUrl().orElseGet(context::httpBaseUrl), context.conversations());
        HistoryQueryCommand query = new HistoryQueryCommand(store, context.conversations());
        return new PluginInstance() {
            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return api.routes();
            }

            @Override
            public List<ClientCommand> clientCommands() {
                return List.of(query);
            }

            @Override
            public List<DownloadRoute> downloadRoutes() {
                return List.of(downloads);
            }
        };
    }
}
