package io.kimigayo.maven;

import io.kimigayo.signing.key.CosignKeyPair;
import io.kimigayo.signing.key.KeyPassword;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * Writes a new ECDSA P-256 key pair in cosign's format: {@code kimigayo.key} (encrypted with the password from
 * {@code KIMIGAYO_PASSWORD} or {@code COSIGN_PASSWORD}; an empty value means an empty password) and
 * {@code kimigayo.pub}. Refuses to replace an existing key unless {@code force} is set.
 */
@Mojo(name = "generate-key-pair", requiresProject = false, threadSafe = true)
public class GenerateKeyPairMojo extends AbstractMojo {

    /** Where the two files go. */
    @Parameter(property = "kimigayo.keyDirectory", defaultValue = "${basedir}")
    private File keyDirectory;

    /** Replaces an existing kimigayo.key. */
    @Parameter(property = "kimigayo.force", defaultValue = "false")
    private boolean force;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        CosignKeyPair pair = CosignKeyPair.generate();
        Path written;
        try (KeyPassword password = KeyPassword.resolve(null, System.getenv())) {
            written = pair.writeTo(keyDirectory.toPath(), password.chars(), force);
        } catch (IllegalStateException e) {
            throw new MojoFailureException("generate-key-pair: " + e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            throw new MojoFailureException("generate-key-pair: " + e.getMessage() + " (-Dkimigayo.force to replace)",
                    e);
        } catch (IOException e) {
            throw new MojoExecutionException("generate-key-pair: " + e.getMessage(), e);
        }
        getLog().info("Wrote " + written + " (encrypted) and " + written.resolveSibling("kimigayo.pub"));
        getLog().info("Public key fingerprint: " + pair.fingerprint());
    }
}
