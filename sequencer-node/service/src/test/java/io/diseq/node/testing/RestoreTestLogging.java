package io.diseq.node.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Reloads logback-test.xml after a test class. A Dropwizard app started with Dropwizard's own
 * logging configuration (as {@code DropwizardClientExtension} does) leaves the whole test JVM
 * logging at INFO when it stops, so every later test class floods the CI log with broker chatter.
 * Register it before the Dropwizard extension, so that its callback runs after the app stopped.
 */
public final class RestoreTestLogging implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws JoranException {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset();
        new ContextInitializer(logback).autoConfig();
    }
}
