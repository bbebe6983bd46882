package io.integrationhost.host.storage;

/** Text made to fit a bounded column, for text the host does not control (a plugin's, a remote system's). */
public final class Columns {

    private static final String ELLIPSIS = "…";

    private Columns() {
    }

    /**
     * {@code text} if it has at most {@code size} characters; otherwise its start with an ellipsis that
     * shows it was cut, {@code size} characters in all. A cut never splits a character in two.
     */
    public static String fit(String text, int size) {
        if (text == null || text.length() <= size) {
            return text;
        }
        int end = size - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
