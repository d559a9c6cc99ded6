package io.liaison.console;

import com.microsoft.playwright.options.LoadState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The README's pictures: one screenshot per role of the console, each signed in as that role's
 * demo user, into docs/images/ (or the folder given). bin/screenshots runs it through Maven, on a
 * broker of its own on free ports.
 */
public final class RoleScreenshots {
    /** File name (without .png) and the demo user whose console it shows. */
    static final Map<String, String> ROLES = new LinkedHashMap<>();
    static {
        ROLES.put("requester", "nl-police");
        ROLES.put("contact-point", "de-poc247");
        ROLES.put("dpo", "de-dpo");
        ROLES.put("auditor", "auditor");
        ROLES.put("admin", "admin");
    }

    private RoleScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath().normalize();
        Files.createDirectories(folder);
        try (ConsoleRun run = ConsoleRun.start()) {
            for (Map.Entry<String, String> role : ROLES.entrySet()) {
                try (Console console = run.open()) {
                    console.signInAs(role.getValue());
                    // The home page's first API calls answered, so that it shows what it loaded, not "Loading…".
                    console.page().waitForLoadState(LoadState.NETWORKIDLE);
                    Path file = folder.resolve(role.getKey() + ".png");
                    console.screenshot(file, false);
                    System.out.println(role.getKey() + " (" + role.getValue() + "): " + file);
                }
            }
        }
    }
}
