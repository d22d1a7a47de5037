package io.kimigayo.app.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An image's {@code User} ({@code uid}, {@code uid:gid}, {@code name}, {@code name:group}) as numbers. */
final class UserSpec {

    private UserSpec() {
    }

    /**
     * @param user   the image config's User, or null/empty for root
     * @param rootfs the unpacked image, whose /etc/passwd and /etc/group name the users and groups
     * @return {uid, gid}
     */
    static int[] resolve(String user, Path rootfs) throws IOException {
        if (user == null || user.isBlank()) {
            return new int[] {0, 0};
        }
        String[] parts = user.split(":", 2);
        String[] passwd = parts[0].matches("\\d+") ? null : entry(rootfs.resolve("etc/passwd"), parts[0], user);
        int uid = passwd == null ? Integer.parseInt(parts[0]) : Integer.parseInt(passwd[2]);
        int gid;
        if (parts.length == 2) {
            gid = parts[1].matches("\\d+") ? Integer.parseInt(parts[1])
                    : Integer.parseInt(entry(rootfs.resolve("etc/group"), parts[1], user)[2]);
        } else if (passwd != null) {
            gid = Integer.parseInt(passwd[3]);
        } else {
            String[] byUid = byUid(rootfs.resolve("etc/passwd"), uid);
            gid = byUid == null ? uid : Integer.parseInt(byUid[3]);
        }
        return new int[] {uid, gid};
    }

    private static String[] entry(Path file, String name, String user) throws IOException {
        for (String line : lines(file)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[0].equals(name) && fields[2].matches("\\d+")) {
                return fields;
            }
        }
        throw new IllegalArgumentException("the image's user '" + user + "': '" + name + "' is not in the image's /"
                + file.getParent().getFileName() + "/" + file.getFileName());
    }

    private static String[] byUid(Path passwd, int uid) throws IOException {
        for (String line : lines(passwd)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[2].equals(Integer.toString(uid)) && fields[3].matches("\\d+")) {
                return fields;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }
}
