package io.kimigayo.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One of several processes sharing a build cache: for each round it builds the entry of one of the keys (even when
 * it is there already, as builds racing on a miss do), commits it, and reads the entry back whole, checking every
 * byte. Prints {@code ok <rounds>} or the first error.
 *
 * <p>Arguments: {@code <cache directory> <rounds> <key>...}.
 */
public final class BuildCacheProbe {

    static final int FILES = 40;

    private BuildCacheProbe() {
    }

    public static void main(String[] args) throws Exception {
        BuildCache cache = new BuildCache(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        String[] keys = Arrays.copyOfRange(args, 2, args.length);
        try {
            for (int round = 0; round < rounds; round++) {
                String key = keys[round % keys.length];
                Path work = cache.newWorkDirectory("probe");
                for (int i = 0; i < FILES; i++) {
                    Files.writeString(work.resolve("file-" + i), content(key, i));
                }
                Path entry = cache.commit(work, "probe", new CacheKey().with("key", key));
                check(entry, key);
                check(cache.lookup("probe", new CacheKey().with("key", key)).orElseThrow(
                        () -> new IOException("no entry for " + key + " right after its commit")), key);
            }
            System.out.println("ok " + rounds);
        } catch (Exception e) {
            System.out.println("error " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    static String content(String key, int i) {
        return (key + "/" + i + "\n").repeat(2000);
    }

    private static void check(Path entry, String key) throws IOException {
        for (int i = 0; i < FILES; i++) {
            String actual = Files.readString(entry.resolve("file-" + i));
            if (!actual.equals(content(key, i))) {
                throw new IOException(entry.resolve("file-" + i) + " does not hold the content of key " + key);
            }
        }
    }
}
