package io.integrationhost.host.web;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's HTML escaping, with quotes escaped in text too: jte leaves {@code "} and {@code '} as they are between tags,
 * where they are harmless, but the page has always written them as {@code &quot;} and {@code &#39;} everywhere, so
 * a value reads the same wherever a template puts it. In attributes, scripts and styles jte's escaping applies.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {

    private boolean inText = true;

    PageOutput(TemplateOutput output) {
        super(output);
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        inText = attributeName == null && !"script".equals(tagName) && !"style".equals(tagName);
    }

    @Override
    public void writeUserContent(String value) {
        if (!inText || value == null) {
            super.writeUserContent(value);
            return;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        writeContent(escaped.toString());
    }
}
