package io.parley.kernel.message;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.BusinessType;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The installed business types, one per conversation type. Immutable after startup. */
@Singleton
public final class BusinessTypeRegistry {
    private final Map<ConversationType, BusinessType> byType = new EnumMap<>(ConversationType.class);

    /** The kernel's own business types (each feature's module contributes its one), then the plugins'. */
    @Inject
    public BusinessTypeRegistry(Set<BusinessType> kernel, PluginContributions plugins) {
        this(Stream.concat(kernel.stream(), plugins.businessTypes().stream()).toList());
    }

    public BusinessTypeRegistry(List<BusinessType> businessTypes) {
        for (BusinessType type : businessTypes) {
            if (byType.putIfAbsent(type.conversationType(), type) != null) {
                throw ImException.invalidParameter("two business types serve " + type.conversationType()
                        + " (a plugin that serves the type of a built-in one needs it left out: plugins.builtin.exclude)");
            }
        }
    }

    public BusinessType get(ConversationType type) {
        BusinessType businessType = byType.get(type);
        if (businessType == null) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    "no plugin serves conversation type " + type + " (" + type.code() + ")");
        }
        return businessType;
    }

    /** The business type of {@code type}, if one is installed. */
    public java.util.Optional<BusinessType> find(ConversationType type) {
        return java.util.Optional.ofNullable(byType.get(type));
    }
}
