package io.integrationhost.testkit.template;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A pom read as XML: the platform's own, from this repository (the root pom, which is the host's build, and
 * {@code plugin-parent/pom.xml}, the parent of every plugin project), or a generated one.
 */
final class Pom {

    private final Element project;

    private Pom(Element project) {
        this.project = project;
    }

    /** The platform's root pom: the nearest pom.xml above this module that lists modules. */
    static Pom root() throws Exception {
        return read(rootDirectory().resolve("pom.xml"));
    }

    /** The parent of plugin projects, as the platform's build installs it. */
    static Pom pluginParent() throws Exception {
        return read(rootDirectory().resolve("plugin-parent/pom.xml"));
    }

    static Pom parse(String xml) throws Exception {
        return new Pom(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement());
    }

    /** The text of the element at {@code path} below {@code <project>}, such as "parent", "version"; null if absent. */
    String text(String... path) {
        Element element = element(path);
        return element == null ? null : element.getTextContent().strip();
    }

    /** The names of the child elements of the element at {@code path}, in order; {@code <project>}'s for none. */
    List<String> children(String... path) {
        Element element = element(path);
        if (element == null) {
            throw new AssertionError("The pom has no " + String.join("/", path));
        }
        return elements(element).stream().map(Element::getTagName).toList();
    }

    /** A property this pom sets itself; null when it does not. */
    String property(String name) {
        return text("properties", name);
    }

    /** The version this pom's pluginManagement gives {@code artifactId}. */
    String managedPluginVersion(String artifactId) {
        NodeList plugins = ((Element) project.getElementsByTagName("pluginManagement").item(0)).getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Pom plugin = new Pom((Element) plugins.item(i));
            if (artifactId.equals(plugin.text("artifactId"))) {
                return plugin.text("version");
            }
        }
        throw new AssertionError(artifactId + " is not in the pluginManagement");
    }

    private Element element(String... path) {
        Element element = project;
        for (String name : path) {
            element = elements(element).stream().filter(child -> child.getTagName().equals(name)).findFirst().orElse(null);
            if (element == null) {
                return null;
            }
        }
        return element;
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static Pom read(Path pom) throws Exception {
        return new Pom(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement());
    }

    private static Path rootDirectory() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>integration-host-parent</artifactId>")
                    && Files.readString(pom).contains("<modules>")) {
                return dir;
            }
        }
        throw new AssertionError("No root pom.xml above " + Path.of("").toAbsolutePath());
    }
}
