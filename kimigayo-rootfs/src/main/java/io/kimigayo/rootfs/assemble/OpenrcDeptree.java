package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenRC's dependency tree, computed at build time and shipped in OpenRC's cache ({@value #PATH}), so that a boot
 * does not compute it again. At each boot OpenRC's {@code init.sh} copies the cache to {@code /run/openrc}, and
 * OpenRC keeps that tree while no file of {@code /etc/init.d}, {@code /etc/conf.d} or {@code /etc/rc.conf} is newer
 * than it: in a rootfs every file carries the build timestamp, so the tree stays until a script is added or changed
 * on the running system, which then makes OpenRC compute it again as always.
 *
 * <p>OpenRC computes the tree by sourcing every script in a shell ({@code gendepends.sh}: each {@code depend()}
 * prints its {@code need}, {@code use}, {@code want}, {@code before}, {@code after}, {@code provide} and
 * {@code keyword} lines) and resolving them in C ({@code rc_deptree_update}). This class does both for scripts whose
 * {@code depend()} is made of those calls with plain words only, the form of every script OpenRC ships and of most
 * services written for it. For anything else (a {@code depend()} with variables, quotes, conditions or
 * {@code config}, {@code keyword -containers}, the {@code s6} supervisor, {@code rc_need}-style settings in
 * {@code conf.d} or {@code rc.conf}, {@code rc_sys}, scripts in another scripts directory or linked), no tree is
 * written and OpenRC computes it at boot exactly as without this class. The tree is that of a system without a
 * special {@code rc_sys} (a VM under KVM or TCG, a machine): OpenRC's step that drops services by keyword for a
 * container, Xen or WSL is not applied, as when Alpine's {@code savecache} keeps a tree across boots.
 */
final class OpenrcDeptree {

    /** OpenRC's cache directory ({@code RC_CACHEDIR}) and the tree in it. */
    static final String PATH = "/var/cache/rc/deptree";

    private static final Pattern DEPEND_START = Pattern.compile("\\s*depend\\s*\\(\\s*\\)\\s*(\\{)?\\s*");
    private static final Pattern CALL = Pattern.compile("(need|use|want|before|after|provide|keyword)"
            + "((?:\\s+[A-Za-z0-9_.*!@+:/-]+)*)\\s*");
    private static final Pattern DEP_SETTING = Pattern.compile("(?m)^\\s*(?:export\\s+)?(?:rc|RC)_(?:\\w+_)?"
            + "(?:need|use|want|after|before|provide|keyword|config|NEED|USE|WANT|AFTER|BEFORE|PROVIDE|KEYWORD"
            + "|CONFIG)\\s*=");
    private static final Pattern RC_SYS = Pattern.compile("(?m)^\\s*(?:export\\s+)?rc_sys\\s*=\\s*['\"]?[^'\"\\s#]");
    private static final Pattern S6 = Pattern.compile("supervisor\\s*=\\s*['\"]?s6");

    private OpenrcDeptree() {
    }

    /** Writes the tree into {@code tree} when every script allows it (see the class comment); returns whether. */
    static boolean addTo(FileTree tree) throws IOException {
        Optional<String> deptree = compute(tree);
        if (deptree.isEmpty()) {
            return false;
        }
        for (String dir : List.of("/var", "/var/cache", "/var/cache/rc")) {
            if (tree.get(dir).isEmpty()) {
                tree.addDirectory(dir, 0755, 0, 0);
            }
        }
        tree.addFile(PATH, Content.of(deptree.get().getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        return true;
    }

    /** The tree as OpenRC writes it, or empty when a script or setting needs OpenRC's shell to evaluate. */
    static Optional<String> compute(FileTree tree) throws IOException {
        for (String other : List.of("/usr/local/etc/init.d", "/usr/etc/init.d")) {
            if (tree.get(other).isPresent()) {
                return Optional.empty();
            }
        }
        List<String> config = new ArrayList<>();
        config.add(text(tree, "/etc/rc.conf"));
        Map<String, TreeEntry> scripts = new TreeMap<>();
        for (TreePath path : tree.paths()) {
            String p = path.toString();
            if (p.startsWith("/etc/rc.conf.d/") && p.endsWith(".conf")) {
                config.add(text(tree, p));
            } else if (p.startsWith("/etc/init.d/") && p.indexOf('/', "/etc/init.d/".length()) < 0) {
                scripts.put(p.substring("/etc/init.d/".length()), tree.get(path).orElseThrow());
            }
        }
        for (String c : config) {
            if (DEP_SETTING.matcher(c).find() || RC_SYS.matcher(c).find()) {
                return Optional.empty();
            }
        }
        // Phase 1: what gendepends.sh prints, service by service in the shell's glob order.
        Map<String, Map<String, List<String>>> deptree = new LinkedHashMap<>();
        for (Map.Entry<String, TreeEntry> e : scripts.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(".")) {
                continue;
            }
            if (!(e.getValue() instanceof TreeEntry.RegularFile file)) {
                if (e.getValue() instanceof TreeEntry.Directory || !isScript(tree, "/etc/init.d/" + name, 0)) {
                    continue; // not a file, or a link to what gendepends.sh skips (functions.sh)
                }
                return Optional.empty(); // a link to a script
            }
            if ((file.mode() & 0111) == 0) {
                continue;
            }
            String text = read(file);
            if (!isOpenrcScript(text)) {
                continue;
            }
            String prefix = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
            for (String conf : prefix == null || prefix.isEmpty() ? List.of(name) : List.of(prefix, name)) {
                String c = text(tree, "/etc/conf.d/" + conf);
                if (DEP_SETTING.matcher(c).find() || S6.matcher(c).find()) {
                    return Optional.empty();
                }
            }
            if (S6.matcher(text).find()) {
                return Optional.empty();
            }
            Optional<List<String[]>> calls = dependCalls(text);
            if (calls.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<String>> info = deptree.computeIfAbsent(name, k -> new LinkedHashMap<>());
            for (String[] call : calls.get()) {
                Optional<String> words = expand(call[1], scripts.keySet());
                if (words.isEmpty()) {
                    return Optional.empty();
                }
                add(info, name, call[0].equals("keyword") ? "keyword" : "i" + call[0], words.get());
            }
        }
        // Phase 2 (services dropped by keyword for a special rc_sys) does not apply: see the class comment.
        // Phase 3: the virtual services that are provided.
        List<String> providers = new ArrayList<>();
        for (Map<String, List<String>> info : deptree.values()) {
            for (String provided : info.getOrDefault("iprovide", List.of())) {
                if (deptree.containsKey(provided)) {
                    return Optional.empty(); // a real and a virtual service of one name: OpenRC reports an error
                }
                if (!providers.contains(provided)) {
                    providers.add(provided);
                }
            }
        }
        for (String provided : providers) {
            deptree.put(provided, new LinkedHashMap<>());
        }
        // Phase 4: back references.
        String[][] pairs = {{"ineed", "needsme"}, {"iuse", "usesme"}, {"iwant", "wantsme"}, {"iafter", "ibefore"},
            {"ibefore", "iafter"}, {"iprovide", "providedby"}};
        for (Map.Entry<String, Map<String, List<String>>> e : deptree.entrySet()) {
            for (String[] pair : pairs) {
                List<String> services = e.getValue().get(pair[0]);
                if (services == null) {
                    continue;
                }
                for (String s : List.copyOf(services)) {
                    Map<String, List<String>> other = deptree.get(s);
                    if (other == null) {
                        if (pair[0].equals("ineed")) {
                            addUnique(e.getValue().computeIfAbsent("broken", k -> new ArrayList<>()), s);
                        }
                        continue;
                    }
                    addUnique(other.computeIfAbsent(pair[1], k -> new ArrayList<>()), e.getKey());
                }
            }
        }
        // Phase 5: a service both before and after (or needing) another is only after it.
        for (Map.Entry<String, Map<String, List<String>>> e : deptree.entrySet()) {
            List<String> before = e.getValue().get("ibefore");
            if (before == null) {
                continue;
            }
            List<String> sorted = new ArrayList<>();
            for (String type : List.of("ineed", "iwant", "iuse", "iafter")) {
                sorted.addAll(e.getValue().getOrDefault(type, List.of()));
            }
            for (String s2 : List.copyOf(before)) {
                boolean found = false;
                for (String s3 : sorted) {
                    Map<String, List<String>> di = deptree.get(s3);
                    if (di == null) {
                        continue;
                    }
                    if (s2.equals(s3)) {
                        List<String> after = di.get("iafter");
                        if (after != null) {
                            after.remove(e.getKey());
                        }
                        found = true;
                        break;
                    }
                    List<String> provides = di.get("iprovide");
                    if (provides == null) {
                        continue;
                    }
                    if (provides.contains(s2)) {
                        Map<String, List<String>> provided = deptree.get(s2);
                        if (provided != null && provided.get("iafter") != null) {
                            provided.get("iafter").remove(e.getKey());
                        }
                        found = true;
                        break;
                    }
                }
                if (found) {
                    before.remove(s2);
                }
            }
        }
        // Phase 7: the file.
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Map<String, List<String>>> e : deptree.entrySet()) {
            out.append("depinfo_").append(i).append("_service='").append(e.getKey()).append("'\n");
            for (Map.Entry<String, List<String>> type : e.getValue().entrySet()) {
                int k = 0;
                for (String s : type.getValue()) {
                    out.append("depinfo_").append(i).append('_').append(type.getKey()).append('_').append(k++)
                            .append("='").append(s).append("'\n");
                }
            }
            i++;
        }
        return Optional.of(out.toString());
    }

    /** One gendepends line ({@code service type deps...}) into the service's entry, as rc_deptree_update does. */
    private static void add(Map<String, List<String>> info, String service, String type, String words) {
        String[] depends = words.trim().isEmpty() ? new String[0] : words.trim().split("\\s+");
        if (depends.length == 0) {
            return;
        }
        List<String> services = info.computeIfAbsent(type, k -> new ArrayList<>());
        for (String depend : depends) {
            if (depend.equals(service) || (depend.length() > 2 && depend.endsWith(".sh"))) {
                continue;
            }
            if (depend.startsWith("!")) {
                services.remove(depend.substring(1));
                continue;
            }
            services.add(depend);
            if (type.equals("ibefore") && info.get("iafter") != null) {
                info.get("iafter").remove(depend);
            }
            if ((type.equals("iafter") || type.equals("ineed") || type.equals("iwant") || type.equals("iuse"))
                    && info.get("ibefore") != null) {
                info.get("ibefore").remove(depend);
            }
        }
    }

    /**
     * The words as the shell expands them: gendepends.sh runs in {@code /etc/init.d}, so {@code after *} becomes
     * every name there (sorted, dot files left out); a pattern that matches nothing stays as it is. Empty for a
     * bracket pattern, which is not emulated.
     */
    static Optional<String> expand(String words, java.util.Collection<String> names) {
        StringBuilder out = new StringBuilder();
        for (String word : words.trim().isEmpty() ? new String[0] : words.trim().split("\\s+")) {
            if (word.contains("[")) {
                return Optional.empty();
            }
            List<String> matches = new ArrayList<>();
            if (word.contains("*") || word.contains("?")) {
                Pattern glob = Pattern.compile(Pattern.quote(word).replace("*", "\\E.*\\Q")
                        .replace("?", "\\E.\\Q"));
                for (String name : new java.util.TreeSet<>(names)) {
                    if (!name.startsWith(".") && glob.matcher(name).matches()) {
                        matches.add(name);
                    }
                }
            }
            for (String w : matches.isEmpty() ? List.of(word) : matches) {
                out.append(' ').append(w);
            }
        }
        return Optional.of(out.toString());
    }

    private static void addUnique(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /** Whether {@code path}, followed through links, may be a service script (an executable file or unknown). */
    private static boolean isScript(FileTree tree, String path, int depth) throws IOException {
        TreeEntry entry = tree.get(path).orElse(null);
        if (entry instanceof TreeEntry.Symlink link && depth < 8) {
            String target = link.target().startsWith("/") ? link.target()
                    : path.substring(0, path.lastIndexOf('/') + 1) + link.target();
            return isScript(tree, TreePath.of(target).toString(), depth + 1);
        }
        if (entry instanceof TreeEntry.RegularFile f) {
            return (f.mode() & 0111) != 0 && isOpenrcScript(read(f));
        }
        return entry instanceof TreeEntry.Hardlink || depth >= 8;
    }

    /** As gendepends.sh decides: the first line names openrc-run (or the old runscript) as its interpreter. */
    static boolean isOpenrcScript(String text) {
        String first = text.lines().findFirst().orElse("").trim();
        String[] words = first.split("\\s+");
        String one = words[0];
        if (one.equals("#!")) {
            return words.length > 1 && (words[1].endsWith("/openrc-run") || words[1].endsWith("/runscript"));
        }
        return one.startsWith("#") && (one.endsWith("/openrc-run") || one.endsWith("/runscript"));
    }

    /**
     * The calls of a script's {@code depend()}, each {@code {function, words}}, in order; empty when the function
     * holds anything but those calls with plain words (then only OpenRC's shell can evaluate it). A script without
     * {@code depend()} has no calls.
     */
    static Optional<List<String[]>> dependCalls(String text) {
        List<String> lines = text.lines().toList();
        int start = -1;
        boolean open = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DEPEND_START.matcher(lines.get(i));
            if (m.matches()) {
                if (start >= 0) {
                    return Optional.empty(); // defined twice
                }
                start = i;
                open = m.group(1) != null;
            } else if (lines.get(i).contains("depend")
                    && lines.get(i).matches(".*\\bdepend\\s*\\(.*")) {
                return Optional.empty(); // another form of definition
            }
        }
        List<String[]> calls = new ArrayList<>();
        if (start < 0) {
            return Optional.of(calls);
        }
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!open) {
                if (!line.equals("{")) {
                    return Optional.empty();
                }
                open = true;
                continue;
            }
            if (line.equals("}")) {
                return Optional.of(calls);
            }
            for (String part : line.split(";")) {
                String call = part.trim();
                if (call.isEmpty()) {
                    continue;
                }
                Matcher m = CALL.matcher(call);
                if (!m.matches() || (m.group(1).equals("keyword") && m.group(2).contains("containers"))) {
                    return Optional.empty();
                }
                calls.add(new String[]{m.group(1), m.group(2)});
            }
        }
        return Optional.empty(); // no closing brace
    }

    private static String text(FileTree tree, String path) throws IOException {
        if (tree.get(path).orElse(null) instanceof TreeEntry.RegularFile f) {
            return read(f);
        }
        return "";
    }

    private static String read(TreeEntry.RegularFile f) throws IOException {
        try (InputStream in = f.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
