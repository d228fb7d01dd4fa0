package io.parley.kernel.api;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import java.util.List;

/**
 * {@code /message/discussion/publish.json}: RongCloud's legacy discussion groups (conversation type 2) are not
 * supported, so the endpoint answers 1009 (RongCloud's "service not enabled for this app") with a message saying so,
 * instead of the 404 of an unknown path. Groups ({@code /group/*}) replace discussions.
 */
public final class DiscussionApi implements KernelRoutes {
    @Override
    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/discussion/publish.json", request -> {
            throw new ImException(StandardErrorCode.SERVICE_NOT_ENABLED,
                    "discussions are not supported by Parley; use groups (/group/create.json,"
                            + " /message/group/publish.json) instead");
        }));
    }
}
