package io.liaison.console;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's pictures: one screenshot per role of the console, each signed in as that role's
 * demo user, into docs/images/ (or the folder given). bin/screenshots runs it through Maven, on a
 * broker of its own on free ports.
 */
public final class RoleScreenshots {
    private RoleScreenshots() {}

    /**
     * One request taken through the walkthrough first, so that each picture shows the page a role
     * works on with something in it: the requester's filing form, DE-CA's inbox, the DPO's review of
     * the held answer, the auditor's verified trail, the administrator's release policy.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath().normalize();
        Files.createDirectories(folder);
        try (ConsoleRun run = ConsoleRun.start(); Console console = run.open()) {
            Page page = console.page();
            console.signInAs("nl-police");
            String id = ConsoleFiling.fileSubscriberDataRequest(console, "NL-THTC-2026-0815");
            Walkthrough.switchTo(console, "de-ca");
            Walkthrough.send(console, Walkthrough.acceptAndAnswer(console, id));

            Walkthrough.switchTo(console, "nl-police");
            ConsoleFiling.fillSubscriberDataRequest(console, "NL-THTC-2026-0816", "ransom@example.de");
            shoot(console, folder, "requester");

            Walkthrough.switchTo(console, "de-ca");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox").setExact(true)).click();
            shoot(console, folder, "contact-point");

            Walkthrough.switchTo(console, "de-dpo");
            Walkthrough.openHeldAnswer(console, id);
            shoot(console, folder, "dpo");

            Walkthrough.switchTo(console, "auditor");
            Walkthrough.verifyTrail(console, id);
            page.getByText("Valid.").first().waitFor();
            shoot(console, folder, "auditor");

            Walkthrough.switchTo(console, "admin");
            shoot(console, folder, "admin");
        }
    }

    private static void shoot(Console console, Path folder, String name) {
        // What the page loaded is shown, not "Loading…"; the window's top, as a person first sees it.
        console.page().waitForLoadState(LoadState.NETWORKIDLE);
        console.page().evaluate("window.scrollTo(0, 0)");
        Path file = folder.resolve(name + ".png");
        console.screenshot(file, false);
        System.out.println(name + ": " + file);
    }
}
