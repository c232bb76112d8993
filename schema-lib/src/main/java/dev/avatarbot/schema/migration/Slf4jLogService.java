package dev.avatarbot.schema.migration;

import java.util.logging.Level;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's log to SLF4J, so it lands in the caller's log. Liquibase narrates every step at
 * INFO; here that is DEBUG, so a service's or a build's output stays quiet unless asked.
 */
final class Slf4jLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger target;

        Slf4jLogger(org.slf4j.Logger target) {
            this.target = target;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            if (level == Level.OFF) {
                return;
            }
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                // The failure itself reaches the caller as an exception; this is the engine's account of it.
                target.debug(message, e);
            } else if (value >= Level.WARNING.intValue()) {
                target.warn(message);
                target.debug(message, e);
            } else if (value >= Level.CONFIG.intValue()) {
                target.debug(message, e);
            } else {
                target.trace(message, e);
            }
        }
    }
}
