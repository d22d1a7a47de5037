package io.kimigayo.rootfs.recipe;

import io.kimigayo.rootfs.cacerts.CaBundle;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CA certificate bundle: {@code mozilla/certdata.txt} read out of the pinned {@code ca-certificates} source
 * archive (Debian's source package) and converted by {@link CaBundle}. Nothing is compiled and nothing is cached:
 * the conversion takes milliseconds and depends on the file alone.
 */
public final class CaCertificatesRecipe {

    /** Where certdata.txt is in the source archive, below its top directory. */
    public static final String CERTDATA = "mozilla/certdata.txt";

    public CaBundle build(BuildContext ctx, SourceSpec source) throws IOException {
        Path archive = ctx.sources().resolve(source);
        byte[] certdata = SourceArchive.readFile(archive, CERTDATA);
        CaBundle bundle = CaBundle.fromCertData(source.fileName() + "!" + CERTDATA,
                new String(certdata, StandardCharsets.UTF_8));
        ctx.progress().accept("ca-certificates " + source.version() + ": " + bundle.certificates().size()
                + " certificates trusted for server authentication"
                + (bundle.distrustedAfter().isEmpty() ? "" : ", " + bundle.distrustedAfter().size()
                + " left out for a distrust-after date " + bundle.distrustedAfter()));
        return bundle;
    }
}
