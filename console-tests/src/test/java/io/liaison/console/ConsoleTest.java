package io.liaison.console;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A browser test of the console: takes a {@link Console} parameter; a failure leaves a screenshot. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({ConsoleExtension.class, ScreenshotOnFailure.class})
public @interface ConsoleTest {}
