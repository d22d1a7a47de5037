package io.kimigayo.rootfs.tree;

import java.util.regex.Pattern;

/**
 * An Ant-style pattern over relative paths, as Maven users write them in {@code includes} and {@code excludes}:
 * {@code *} matches within one path component, {@code ?} one character, {@code **} any number of components
 * (including none), and a pattern ending in {@code /} means everything below that directory.
 */
public final class PathPattern {

    private final String text;
    private final Pattern regex;

    private PathPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    public static PathPattern of(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p + "**";
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty include/exclude pattern; use ** to mean everything");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '/' && i + 3 == p.length() && p.endsWith("**")) {
                // A final "/**" also matches the directory itself: ** can stand for no components at all.
                re.append("(?:/.*)?");
                break;
            } else if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                boolean slashFollows = i + 2 < p.length() && p.charAt(i + 2) == '/';
                re.append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathPattern(pattern, Pattern.compile(re.toString()));
    }

    /** Whether the relative path ({@code dir/file.txt}, no leading slash) matches. */
    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
