package io.integrationhost.host.web.page;

import io.integrationhost.host.endusers.EndUserAuthorizations.LinkPage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The top of an end user's link page: the integration (its name and icon), whom the link is for (the display name the
 * issuing call gave, else the id as it is) and when the link expires. Public only because the compiled templates live
 * in a package of their own.
 *
 * @param iconUri the integration's icon as a {@code data:} address (the page is not signed in, and the catalog's
 *     icon route is the administrator's), or {@code null}
 * @param userName the display name, or {@code null}: the page then names the user by {@code userId}
 * @param expiresAt the expiry as an ISO-8601 instant, which the page's script shows in the reader's own time
 * @param expiresAtText the expiry in UTC, shown until the script has run
 * @param expiresIn how long the link still works, in words ("in 28 minutes")
 */
public record LinkIntro(String integrationName, String iconUri, String userName, String userId, String expiresAt,
                        String expiresAtText, String expiresIn) {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static LinkIntro of(LinkPage.Open open) {
        String icon = open.icon() == null ? null
                : "data:" + open.icon().contentType() + ";base64," + Base64.getEncoder().encodeToString(open.icon().bytes());
        return new LinkIntro(open.integrationName(), icon, open.userName(), open.userId(), open.expiresAt().toString(),
                UTC_TIME.format(open.expiresAt()), inWords(open.validFor()));
    }

    /**
     * A remaining time as a person says it, in started minutes (a link just issued for 30 minutes has 30 left): "in 28
     * minutes", "in 1 hour and 5 minutes", "in less than a minute".
     */
    static String inWords(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        if (seconds < 60) {
            return "in less than a minute";
        }
        long minutes = (seconds + 59) / 60;
        long hours = minutes / 60;
        long rest = minutes % 60;
        String hourText = hours == 0 ? "" : hours + (hours == 1 ? " hour" : " hours");
        String minuteText = rest == 0 ? "" : rest + (rest == 1 ? " minute" : " minutes");
        return "in " + (hourText.isEmpty() ? minuteText : minuteText.isEmpty() ? hourText : hourText + " and " + minuteText);
    }
}
