package io.kimigayo.maven;

import io.kimigayo.rootfs.prebuilt.PrebuiltOs;
import io.kimigayo.rootfs.prebuilt.RecordedDigests;
import org.apache.maven.plugins.annotations.Component;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import java.util.List;

import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.kernel.boot.BootCheckException;
import io.kimigayo.oci.registry.RegistryAuthenticationException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;

/**
 * What every project goal shares: the output directory, the build timestamp, the skip switch, and one way of
 * turning library errors into Maven's (bad input, refused credentials, a policy gate that refuses the result and a
 * failed boot check fail the build; anything else is an execution error), each message starting with the goal's
 * name.
 */
abstract class AbstractKimigayoMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** Where the outputs go. */
    @Parameter(property = "kimigayo.outputDirectory", defaultValue = "${project.build.directory}/kimigayo")
    protected File outputDirectory;

    /** The build timestamp, as for reproducible jars; else SOURCE_DATE_EPOCH; else 1970-01-01T00:00:00Z. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Skips the goal. */
    @Parameter(property = "kimigayo.skip", defaultValue = "false")
    protected boolean skip;

    @Component
    protected RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    protected RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    protected List<RemoteRepository> remoteRepositories;

    /**
     * The prebuilt Kimigayo OS released with this plugin, resolved through Maven and checked against the digests
     * recorded in the plugin; used unless {@code fromSource}.
     */
    protected PrebuiltOs prebuiltOs(boolean fromSource) throws IOException {
        RecordedDigests recorded = PrebuiltOsRecord.load();
        return new PrebuiltOs(new MavenPrebuiltResolver(repositorySystem, repositorySession, remoteRepositories,
                recorded.version()), recorded, fromSource);
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** Reads the parameters, makes the one library call, reports. */
    protected abstract void run() throws IOException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + " (kimigayo.skip)");
            return;
        }
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException | RegistryAuthenticationException
                 | PolicyViolationException | BootCheckException e) {
            throw new MojoFailureException(goal() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(goal() + ": " + e.getMessage(), e);
        }
    }

    protected BuildTimestamp timestamp() {
        return BuildTimestamp.resolve(outputTimestamp, System.getenv());
    }
}
