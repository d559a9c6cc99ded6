package io.liaison.console;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a browser test fails, saves what the page showed at that moment as
 * target/screenshots/&lt;TestClass&gt;.&lt;test&gt;.png (the folder the build's liaison.screenshots names).
 */
public final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isEmpty()) return;
        var console = ConsoleExtension.of(context);
        if (console.isEmpty()) return;
        Path folder = Path.of(System.getProperty("liaison.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + (context.getDisplayName().startsWith("[") ? "-" + context.getDisplayName() : "");
        Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
        try {
            console.get().screenshot(file, true);
            System.err.println("screenshot of the failed test: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("no screenshot of the failed test (" + e.getMessage() + ")");
        }
    }
}
