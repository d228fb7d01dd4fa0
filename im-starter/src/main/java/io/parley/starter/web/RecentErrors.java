package io.parley.starter.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The last warnings and errors the server logged, newest first, for the console. A logback appender on the
 * root logger; where logging is not logback (an embedder's choice) it stays empty. Thread-safe.
 */
final class RecentErrors extends AppenderBase<ILoggingEvent> {
    static final int CAPACITY = 50;

    /** One logged warning or error. */
    record Entry(long time, String level, String logger, String message, String exception) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Attaches a new instance to logback's root logger, if logback is the logging backend. */
    static RecentErrors attach() {
        RecentErrors appender = new RecentErrors();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            appender.setContext(context);
            appender.setName("parley-console-recent-errors");
            appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
        return appender;
    }

    /** Detaches this appender from the root logger. */
    void detach() {
        if (getContext() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        Entry entry = new Entry(event.getTimeStamp(), event.getLevel().toString(), event.getLoggerName(),
                event.getFormattedMessage(), thrown == null ? null : thrown.getClassName() + ": " + thrown.getMessage());
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > CAPACITY) {
                entries.removeLast();
            }
        }
    }

    List<Entry> newestFirst() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}
