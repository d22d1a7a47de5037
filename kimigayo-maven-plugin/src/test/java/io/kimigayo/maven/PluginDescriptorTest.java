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
import java.util.TreeMap;
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

    /** Each goal's editable parameters by name, each as its description, type, user property and default. */
    private static Map<String, Map<String, String>> parametersByGoal() throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        Map<String, Map<String, String>> goals = new TreeMap<>();
        for (Element mojo : children(children(document.getDocumentElement(), "mojos").get(0), "mojo")) {
            Map<String, String> configured = new HashMap<>();
            for (Element configuration : children(mojo, "configuration")) {
                for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element setting) {
                        configured.put(setting.getNodeName(), setting.getTextContent().trim() + " default "
                                + setting.getAttribute("default-value"));
                    }
                }
            }
            Map<String, String> parameters = new TreeMap<>();
            for (Element group : children(mojo, "parameters")) {
                for (Element parameter : children(group, "parameter")) {
                    if (text(parameter, "editable").equals("true")) {
                        String name = text(parameter, "name");
                        parameters.put(name, text(parameter, "type") + " " + configured.get(name) + ": "
                                + text(parameter, "description"));
                    }
                }
            }
            goals.put(text(mojo, "goal"), parameters);
        }
        return goals;
    }

    /** Before a parameter table: the goal it documents, and the goals whose tables document the rest. */
    private static final Pattern TABLE = Pattern.compile("^<!-- parameters of ([a-z-]+)(?: with those of ([a-z -]+))? -->$");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    @Test
    void everyParameterOfEveryGoalIsInItsTable() throws Exception {
        Map<String, Map<String, String>> goals = parametersByGoal();
        Map<String, Set<String>> documented = new HashMap<>();
        Map<String, List<String>> others = new HashMap<>();
        for (Path dir : List.of(Path.of("../docs/user"), Path.of("../docs/security"))) {
            try (Stream<Path> docs = Files.list(dir)) {
                for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    String goal = null;
                    for (String line : Files.readAllLines(doc)) {
                        Matcher table = TABLE.matcher(line.trim());
                        if (table.matches()) {
                            goal = table.group(1);
                            assertTrue(goals.containsKey(goal), doc + ": no goal " + goal);
                            documented.computeIfAbsent(goal, k -> new TreeSet<>());
                            others.put(goal, table.group(2) == null ? List.of()
                                    : List.of(table.group(2).trim().split(" +")));
                        } else if (goal != null && line.startsWith("|")) {
                            String first = line.substring(1, Math.max(1, line.indexOf('|', 1)));
                            Matcher name = NAME.matcher(first);
                            while (name.find()) {
                                documented.get(goal).add(name.group(1));
                            }
                        } else if (goal != null && line.isBlank() && !documented.get(goal).isEmpty()) {
                            goal = null;
                        }
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> goal : goals.entrySet()) {
            if (goal.getKey().equals("help")) {
                continue;
            }
            if (!documented.containsKey(goal.getKey())) {
                missing.add(goal.getKey() + ": no table (a line <!-- parameters of " + goal.getKey() + " --> before "
                        + "it) in docs/user or docs/security");
                continue;
            }
            Set<String> covered = new TreeSet<>(documented.get(goal.getKey()));
            for (String other : others.get(goal.getKey())) {
                assertTrue(documented.containsKey(other), "the table of " + goal.getKey() + " refers to the table of "
                        + other + ", which has none");
                covered.addAll(documented.get(other));
            }
            for (String parameter : goal.getValue().keySet()) {
                if (!covered.contains(parameter)) {
                    missing.add(goal.getKey() + " " + parameter);
                }
            }
        }
        assertTrue(documented.size() >= 9, "tables found for " + documented.keySet());
        assertEquals(List.of(), missing, "parameters missing from the tables in docs/user and docs/security");
    }

    @Test
    void buildTakesTheRootfsParametersOfBuildRootfsAsTheyAre() throws Exception {
        Map<String, Map<String, String>> goals = parametersByGoal();
        Map<String, String> rootfs = goals.get("build-rootfs");
        Map<String, String> build = goals.get("build");
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, String> parameter : rootfs.entrySet()) {
            // attach publishes a rootfs (kimigayo-os), which build does not
            if (!parameter.getKey().equals("cacheDirectory") && !parameter.getKey().equals("attach")
                    && !parameter.getValue().equals(build.get(parameter.getKey()))) {
                different.add(parameter.getKey() + ": build-rootfs " + parameter.getValue() + "; build "
                        + build.get(parameter.getKey()));
            }
        }
        assertTrue(rootfs.size() >= 12, "build-rootfs parameters: " + rootfs.keySet());
        assertEquals(List.of(), different, "build declares the rootfs block as build-rootfs does (AbstractRootfsMojo)");
        assertEquals(goals.get("pack-oci").get("allowInsecureRegistries"), build.get("allowInsecureRegistries"));
    }
}
