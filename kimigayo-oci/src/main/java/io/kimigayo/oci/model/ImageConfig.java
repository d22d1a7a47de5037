package io.kimigayo.oci.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kimigayo.oci.digest.Digest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI image configuration: platform, creation time, the runtime defaults and the layers' diff IDs.
 * Fields outside the OCI image spec that other tools may write (Docker's health check, for one) are not kept
 * when a base image's config is carried over.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"created", "author", "architecture", "os", "variant", "config", "rootfs", "history"})
public record ImageConfig(@JsonProperty("created") String created,
                          @JsonProperty("author") String author,
                          @JsonProperty("architecture") String architecture,
                          @JsonProperty("os") String os,
                          @JsonProperty("variant") String variant,
                          @JsonProperty("config") RuntimeConfig config,
                          @JsonProperty("rootfs") RootFs rootfs,
                          @JsonProperty("history") List<History> history) {

    public ImageConfig {
        config = config == null ? RuntimeConfig.EMPTY : config;
        rootfs = rootfs == null ? new RootFs("layers", List.of()) : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    public Platform platform() {
        return new Platform(architecture, os, variant);
    }

    /** Runtime defaults, with the capitalised keys of the OCI spec. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
            "StopSignal"})
    public record RuntimeConfig(@JsonProperty("User") String user,
                                @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
                                @JsonProperty("Env") List<String> env,
                                @JsonProperty("Entrypoint") List<String> entrypoint,
                                @JsonProperty("Cmd") List<String> cmd,
                                @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
                                @JsonProperty("WorkingDir") String workingDir,
                                @JsonProperty("Labels") Map<String, String> labels,
                                @JsonProperty("StopSignal") String stopSignal) {

        public static final RuntimeConfig EMPTY = new RuntimeConfig(null, null, null, null, null, null, null, null,
                null);

        public RuntimeConfig {
            exposedPorts = exposedPorts == null ? Map.of() : new TreeMap<>(exposedPorts);
            env = env == null ? List.of() : List.copyOf(env);
            volumes = volumes == null ? Map.of() : new TreeMap<>(volumes);
            labels = labels == null ? Map.of() : new TreeMap<>(labels);
        }

        /** A copy with {@code Env} replaced. */
        public RuntimeConfig withEnv(List<String> other) {
            return new RuntimeConfig(user, exposedPorts, other, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal);
        }

        /** A copy with {@code Cmd} replaced. */
        public RuntimeConfig withCmd(List<String> other) {
            return new RuntimeConfig(user, exposedPorts, env, entrypoint, other, volumes, workingDir, labels,
                    stopSignal);
        }
    }

    /** The layers' uncompressed digests, base first. */
    @JsonPropertyOrder({"type", "diff_ids"})
    public record RootFs(@JsonProperty("type") String type,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("diff_ids") List<Digest> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One step of the image's history. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
    public record History(@JsonProperty("created") String created,
                          @JsonProperty("created_by") String createdBy,
                          @JsonProperty("author") String author,
                          @JsonProperty("comment") String comment,
                          @JsonProperty("empty_layer") Boolean emptyLayer) {

        /** A step that added a layer, with no author or comment. */
        public static History of(String created, String createdBy) {
            return new History(created, createdBy, null, null, null);
        }
    }
}
