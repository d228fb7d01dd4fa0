package io.parley.kernel.message;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the set of the kernel's own interceptors ({@code @KernelSteps Set<MessageInterceptor>}) that the
 * features' modules contribute through a multibinder. The chain wraps each in a {@link KernelStep}, so that they run
 * after every plugin's interceptor; among themselves they run by name (the chain's last tie-break) unless
 * {@code interceptors.order} names them: the order in which modules contribute them does not count.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface KernelSteps {
}
