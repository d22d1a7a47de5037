package io.kimigayo.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code mvn kimigayo:help -Ddetail} shows comes from the plugin descriptor the build generates from the Mojos'
 * Javadoc: every parameter a user can set must say what it does, and every goal too.
 */
class PluginDescriptorTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    @Test
    void everyGoalAndEveryParameterAUserCanSetIsDescribed() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " is written by maven-plugin-plugin at "
                + "process-classes; run the tests through Maven");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        List<String> undescribed = new ArrayList<>();
        int goals = 0;
        int parameters = 0;
        for (Element mojo : children(children(document.getDocumentElement(), "mojos").get(0), "mojo")) {
            String goal = text(mojo, "goal");
            goals++;
            if (text(mojo, "description").isEmpty()) {
                undescribed.add("goal " + goal);
            }
            for (Element group : children(mojo, "parameters")) {
                for (Element parameter : children(group, "parameter")) {
                    if (!text(parameter, "editable").equals("true")) {
                        continue; // read-only: the project, the session, the settings
                    }
                    parameters++;
                    if (text(parameter, "description").isEmpty()) {
                        undescribed.add(goal + " " + text(parameter, "name"));
                    }
                }
            }
        }
        assertTrue(goals >= 10 && parameters > 100, goals + " goals, " + parameters + " parameters: the descriptor "
                + "was not read whole");
        assertEquals(List.of(), undescribed, "give these a Javadoc comment: kimigayo:help -Ddetail shows nothing "
                + "for them");
    }

    /** A row of a parameter table in docs/user: | `name` | `kimigayo.property` | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`(kimigayo\\.[^`]+)`\\s*\\|([^|]*)\\|");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(kimigayo\\.[^}]+)}");

    @Test
    void theUserDocsNameParametersPropertiesAndDefaultsAsTheDescriptorDoes() throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        Map<String, Set<String>> names = new HashMap<>();
        Map<String, Set<String>> defaults = new HashMap<>();
        for (Element mojo : children(children(document.getDocumentElement(), "mojos").get(0), "mojo")) {
            for (Element configuration : children(mojo, "configuration")) {
                for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element setting) {
                        Matcher m = EXPRESSION.matcher(setting.getTextContent().trim());
                        if (m.matches()) {
                            names.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(setting.getNodeName());
                            defaults.computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                    .add(setting.getAttribute("default-value"));
                        }
                    }
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        try (Stream<Path> docs = Files.list(Path.of("../docs/user"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(doc)) {
                    Matcher row = ROW.matcher(line);
                    if (!row.find()) {
                        continue;
                    }
                    rows++;
                    String name = row.group(1);
                    String property = row.group(2);
                    String where = doc.getFileName() + ": `" + name + "`";
                    if (!names.containsKey(property)) {
                        wrong.add(where + ": no goal has the user property " + property);
                    } else if (!names.get(property).contains(name)) {
                        wrong.add(where + ": " + property + " sets " + names.get(property) + ", not " + name);
                    } else {
                        Matcher literal = Pattern.compile("^\\s*`([^`]*)`\\s*$").matcher(row.group(3));
                        String documented = literal.matches() ? literal.group(1).replace("~", "${user.home}") : null;
                        if (documented != null && !defaults.get(property).contains(documented)
                                && !defaults.get(property).equals(Set.of(""))) {
                            wrong.add(where + ": the default is " + defaults.get(property) + ", not " + documented);
                        }
                    }
                }
            }
        }
        assertTrue(rows > 40, "only " + rows + " parameter rows found in docs/user");
        assertEquals(List.of(), wrong, "docs/user disagrees with the plugin descriptor");
    }
}
