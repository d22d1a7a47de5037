package io.kimigayo.rootfs.recipe;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns a compiler's output into a few progress lines: counts the lines that mark a compiled object and reports
 * every {@code every} of them, with a percentage when the total is known.
 */
final class ProgressCounter implements Consumer<String> {

    private final String label;
    private final Predicate<String> isObject;
    private final int total;
    private final int every;
    private final Consumer<String> progress;
    private int count;

    ProgressCounter(String label, Predicate<String> isObject, int total, int every, Consumer<String> progress) {
        this.label = label;
        this.isObject = isObject;
        this.total = total;
        this.every = every;
        this.progress = progress;
    }

    @Override
    public void accept(String line) {
        if (isObject.test(line)) {
            count++;
            if (count % every == 0) {
                progress.accept(label + ": " + count + " objects compiled"
                        + (total > 0 ? " (" + Math.min(99, count * 100 / total) + "%)" : ""));
            }
        }
    }

    int count() {
        return count;
    }
}
