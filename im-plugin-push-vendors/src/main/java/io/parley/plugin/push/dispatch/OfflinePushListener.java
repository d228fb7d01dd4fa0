package io.parley.plugin.push.dispatch;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.PushRequested;
import io.parley.api.model.Message;
import io.parley.plugin.push.device.DeviceToken;
import io.parley.plugin.push.device.DeviceTokenStore;
import io.parley.plugin.push.spi.PushNotification;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns each {@link PushRequested} into queued sends: checks the {@link PushPolicy}, finds the recipient's
 * device tokens, renders the notification from the {@link PushTemplates} with the unread total as badge and
 * the message's identity and {@code pushData} as payload, and queues one job per vendor. The push id is the
 * message's UID. Runs on its listener thread; blocks on storage.
 */
public final class OfflinePushListener implements ImEventListener {
    private final PushPolicy policy;
    private final DeviceTokenStore tokens;
    private final PushTemplates templates;
    private final PushQueue queue;
    private final PushMetrics metrics;
    private final Clock clock;
    private final Duration ttl;

    public OfflinePushListener(PushPolicy policy, DeviceTokenStore tokens, PushTemplates templates, PushQueue queue,
            PushMetrics metrics, Clock clock, Duration ttl) {
        this.policy = policy;
        this.tokens = tokens;
        this.templates = templates;
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public boolean accepts(ImEvent event) {
        return event instanceof PushRequested;
    }

    @Override
    public void onEvent(ImEvent event) {
        if (!(event instanceof PushRequested request)) {
            return;
        }
        var suppressed = policy.suppression(request, clock.instant());
        if (suppressed.isPresent()) {
            metrics.suppressed(suppressed.get());
            return;
        }
        List<DeviceToken> devices = tokens.tokens(request.recipient());
        if (devices.isEmpty()) {
            metrics.suppressed("no-token");
            return;
        }
        Message message = request.message();
        PushNotification notification = new PushNotification(message.messageUid(),
                templates.title(message, request.senderAlias()), templates.body(message, request.senderAlias()),
                request.badge(), payload(request), ttl.toSeconds(),
                message.conversationType().code() + ":" + message.targetFor(request.recipient()));
        Map<String, List<PushJob.Recipient>> byVendor = devices.stream().collect(Collectors.groupingBy(
                DeviceToken::vendor, LinkedHashMap::new, Collectors.mapping(device -> new PushJob.Recipient(
                        device.userId(), device.token(), device.appId(), device.sandbox()), Collectors.toList())));
        byVendor.forEach((vendor, recipients) -> queue.enqueue(vendor, notification, recipients, ttl));
    }

    private static Map<String, String> payload(PushRequested request) {
        Message message = request.message();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("messageUid", message.messageUid());
        data.put("conversationType", String.valueOf(message.conversationType().code()));
        data.put("targetId", message.targetFor(request.recipient()));
        data.put("fromUserId", message.fromUserId());
        data.put("objectName", message.objectName());
        if (!request.channelId().isEmpty()) {
            data.put("channelId", request.channelId());
        }
        message.pushData().ifPresent(pushData -> data.put("pushData", pushData));
        return data;
    }
}
