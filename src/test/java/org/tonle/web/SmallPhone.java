package org.tonle.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.tonle.support.Chromium;

/** The audit's phone: 360 × 800, touch, Khmer, on Phnom Penh's clock; its own storage. */
final class SmallPhone {

    private SmallPhone() {
    }

    static Browser.NewContextOptions options(String baseUrl) {
        return new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(360, 800)
                .setDeviceScaleFactor(1)
                .setIsMobile(true)
                .setHasTouch(true)
                .setLocale("km-KH")
                .setTimezoneId("Asia/Phnom_Penh");
    }

    static BrowserContext open(String baseUrl) {
        return Chromium.browser().newContext(options(baseUrl));
    }

    /** Logs in to the enumerator app and waits for the home screen's questionnaire. */
    static Page logIn(BrowserContext context, String username, String formId) {
        Page page = context.newPage();
        page.navigate("/");
        page.locator("#username").fill(username);
        page.locator("#password").fill("password of " + username);
        page.locator("#login-button").click();
        page.locator("[data-form-id='" + formId + "']").waitFor();
        return page;
    }
}
