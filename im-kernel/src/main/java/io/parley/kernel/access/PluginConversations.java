package io.parley.kernel.access;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MemberPage;
import io.parley.api.plugin.Recipients;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.message.MessageViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The {@link ConversationService} lent to one plugin: reads ask the conversation type's {@link BusinessType} and
 * {@link ConversationAccess}; stored messages are presented through every plugin's views; notices go through the
 * {@link MessagePipeline} from {@code plugin:<name>}; a sender's alias for a push comes from the push package's
 * {@code PushAliases}, handed in as a function (this package does not read push).
 */
public final class PluginConversations implements ConversationService {
    static final int MAX_PAGE = 1000;

    private final BusinessTypeRegistry businessTypes;
    private final ConversationAccess access;
    private final MessageViews views;
    private final MessagePipeline pipeline;
    private final String sender;
    private final BiFunction<String, Message, String> senderAliases;

    /** @param senderAliases the sender's alias for a recipient (the push package's {@code PushAliases}) */
    public PluginConversations(BusinessTypeRegistry businessTypes, ConversationAccess access, MessageViews views,
            MessagePipeline pipeline, String pluginName, BiFunction<String, Message, String> senderAliases) {
        this.senderAliases = senderAliases;
        this.businessTypes = businessTypes;
        this.access = access;
        this.views = views;
        this.pipeline = pipeline;
        this.sender = Message.noticeSender(pluginName);
    }

    @Override
    public ConversationKey key(String userId, ConversationType type, String targetId) {
        BusinessType businessType = businessTypes.get(type);
        return type == ConversationType.SYSTEM ? ConversationAccess.keyFor(userId, type, targetId)
                : businessType.conversationKey(userId, targetId);
    }

    /** Private and system conversations are the caller's own keys; another type answers through its readable key. */
    @Override
    public ConversationKey readableKey(String userId, ConversationType type, String targetId) {
        if (type == ConversationType.PRIVATE || type == ConversationType.SYSTEM) {
            return ConversationAccess.keyFor(userId, type, targetId);
        }
        // the business type refuses with its own code (not a member, a private channel) or serves no reads
        return businessTypes.find(type).flatMap(businessType -> businessType.readableKey(userId, targetId))
                .orElseThrow(() -> new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                        "the logs of " + type + " conversations are not read"));
    }

    @Override
    public boolean mayRead(String userId, ConversationKey conversation) {
        Optional<BusinessType> businessType = businessTypes.find(conversation.type());
        return businessType.isPresent() && businessType.get().mayRead(userId, conversation);
    }

    @Override
    public MemberPage members(ConversationKey conversation, String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ImException.invalidParameter("limit must be 1 to " + MAX_PAGE + ", not " + limit);
        }
        return businessTypes.get(conversation.type()).members(conversation, after == null ? "" : after, limit);
    }

    @Override
    public Message message(String userId, ConversationType type, String targetId, String messageUid,
            boolean asParticipant) {
        return access.messageToRecall(userId, type, targetId, messageUid, asParticipant);
    }

    @Override
    public boolean keepsOwnMessages(ConversationType type) {
        return businessTypes.find(type).map(BusinessType::keepsOwnMessages).orElse(false);
    }

    @Override
    public String channelTarget(ConversationType type, String targetId, String channelId) {
        return businessTypes.get(type).channelTarget(targetId, channelId);
    }

    @Override
    public Message present(Message stored) {
        return views.present(stored);
    }

    @Override
    public Optional<Message> presentTo(String userId, Message stored) {
        Optional<BusinessType> businessType = businessTypes.find(stored.conversationType());
        Optional<Message> shown = businessType.isPresent() ? businessType.get().presentTo(userId, stored)
                : Optional.of(stored);
        return shown.map(views::present);
    }

    @Override
    public List<String> followedBy(String userId, ConversationType type) {
        return businessTypes.find(type).map(businessType -> businessType.followedBy(userId)).orElse(List.of());
    }

    @Override
    public String senderAlias(String recipient, Message message) {
        return senderAliases.apply(recipient, message);
    }

    @Override
    public CompletionStage<Message> notify(ConversationKey conversation, String name, String content) {
        BusinessType businessType = businessTypes.get(conversation.type());
        return pipeline.notice(conversation, sender, targetOf(conversation), name, content,
                () -> businessType.keepsOwnMessages() ? new Recipients(List.of())
                        : businessType.noticeRecipients(conversation, everyMember(businessType, conversation)));
    }

    private static List<String> everyMember(BusinessType businessType, ConversationKey conversation) {
        List<String> members = new ArrayList<>();
        String after = "";
        while (true) {
            MemberPage page = businessType.members(conversation, after, MAX_PAGE);
            members.addAll(page.userIds());
            if (page.next().isEmpty()) {
                return members;
            }
            after = page.next().get();
        }
    }

    /**
     * The target a notice carries: the key's id (for a private chat, the pair, which each user's devices see as the
     * other user); for a system conversation, its sender, as the user's devices name it.
     */
    private static String targetOf(ConversationKey conversation) {
        if (conversation.type() == ConversationType.SYSTEM) {
            int colon = conversation.id().lastIndexOf(':');
            return colon > 0 ? conversation.id().substring(0, colon) : conversation.id();
        }
        return conversation.id();
    }
}
