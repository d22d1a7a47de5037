package io.kimigayo.oci.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an {@link Sbom} as SPDX 2.3 JSON: the image and every component as packages (download location, file name,
 * checksum, declared licence, purl and CPE as external references, primary purpose), the files with SHA-1 and
 * SHA-256, and the relations: the document DESCRIBES the image, the image CONTAINS its components and files, a
 * component DEPENDS_ON another. Keys in a fixed order, indented, no clock.
 */
public final class SpdxWriter {

    /** The file name suffix scanners look for (Trivy's SBOM analyser: {@code .spdx.json}). */
    public static final String SUFFIX = ".spdx.json";
    public static final String SPEC_VERSION = "SPDX-2.3";

    /** Where document namespaces of Kimigayo's SBOMs live; the image's name and the serial UUID follow. */
    static final String NAMESPACE = "https://kimigayo.io/spdx/";

    private static final Pattern LICENSE_REF = Pattern.compile("LicenseRef-[A-Za-z0-9.-]+");
    private static final Map<String, String> LICENSE_TEXTS = Map.of(
            "LicenseRef-Public-Domain", "The work is in the public domain; no licence is needed to copy or use it.");

    public byte[] write(Sbom sbom) throws IOException {
        Map<String, String> ids = new HashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        ids.put(sbom.subject().ref(), spdxId("Package-" + sbom.subject().name(), taken));
        sbom.components().forEach(c -> ids.put(c.ref(), spdxId("Package-" + c.ref(), taken)));
        Map<SbomFile, String> fileIds = new LinkedHashMap<>();
        sbom.files().forEach(f -> fileIds.put(f, spdxId("File-" + f.path(), taken)));

        ObjectNode doc = CycloneDxWriter.JSON.createObjectNode();
        doc.put("spdxVersion", SPEC_VERSION);
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", sbom.subject().name() + (sbom.subject().version() == null ? ""
                : ":" + sbom.subject().version()));
        doc.put("documentNamespace", NAMESPACE + slug(sbom.subject().name()) + "-" + sbom.serial());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", sbom.created().truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: " + Sbom.TOOL);

        Set<String> licenseRefs = new TreeSet<>();
        ArrayNode packages = doc.putArray("packages");
        ObjectNode subjectPackage = pack(sbom.subject(), ids, licenseRefs);
        if (!sbom.files().isEmpty()) {
            // the image CONTAINS the files: its files are analysed, and SPDX then wants their verification code
            subjectPackage.put("filesAnalyzed", true);
            subjectPackage.putObject("packageVerificationCode").put("packageVerificationCodeValue",
                    verificationCode(sbom.files()));
        }
        packages.add(subjectPackage);
        sbom.components().forEach(c -> packages.add(pack(c, ids, licenseRefs)));
        if (!fileIds.isEmpty()) {
            ArrayNode files = doc.putArray("files");
            fileIds.forEach((f, id) -> {
                ObjectNode node = files.addObject();
                node.put("fileName", "." + f.path());
                node.put("SPDXID", id);
                ArrayNode checksums = node.putArray("checksums");
                checksums.addObject().put("algorithm", "SHA1").put("checksumValue", f.sha1());
                checksums.addObject().put("algorithm", "SHA256").put("checksumValue", f.sha256());
                node.put("licenseConcluded", "NOASSERTION");
                node.put("copyrightText", "NOASSERTION");
                node.put("comment", "in the layer " + f.layer());
            });
        }
        if (!licenseRefs.isEmpty()) {
            ArrayNode extracted = doc.putArray("hasExtractedLicensingInfos");
            for (String ref : licenseRefs) {
                ObjectNode node = extracted.addObject();
                node.put("licenseId", ref);
                node.put("extractedText", LICENSE_TEXTS.getOrDefault(ref, ref));
                node.put("name", ref.substring("LicenseRef-".length()).replace('-', ' '));
            }
        }

        ArrayNode relationships = doc.putArray("relationships");
        String subject = ids.get(sbom.subject().ref());
        relation(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", subject);
        sbom.components().forEach(c -> relation(relationships, subject, "CONTAINS", ids.get(c.ref())));
        fileIds.values().forEach(id -> relation(relationships, subject, "CONTAINS", id));
        dependencies(relationships, sbom.subject(), ids);
        sbom.components().forEach(c -> dependencies(relationships, c, ids));
        return CycloneDxWriter.JSON.writeValueAsBytes(doc);
    }

    /**
     * SPDX 2.3's package verification code (clause 7.9): the SHA-1 of the files' SHA-1s, sorted and concatenated.
     */
    static String verificationCode(java.util.List<SbomFile> files) {
        java.security.MessageDigest sha1;
        try {
            sha1 = java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-1", e);
        }
        files.stream().map(SbomFile::sha1).sorted()
                .forEach(s -> sha1.update(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return java.util.HexFormat.of().formatHex(sha1.digest());
    }

    private static void dependencies(ArrayNode relationships, SbomComponent c, Map<String, String> ids) {
        for (String on : c.dependsOn()) {
            String target = ids.get(on);
            if (target == null) {
                throw new IllegalArgumentException("SBOM: " + c.ref() + " depends on " + on
                        + ", which is no component of the image");
            }
            relation(relationships, ids.get(c.ref()), "DEPENDS_ON", target);
        }
    }

    private static void relation(ArrayNode relationships, String from, String type, String to) {
        relationships.addObject().put("spdxElementId", from).put("relationshipType", type)
                .put("relatedSpdxElement", to);
    }

    private static ObjectNode pack(SbomComponent c, Map<String, String> ids, Set<String> licenseRefs) {
        ObjectNode node = CycloneDxWriter.JSON.createObjectNode();
        node.put("name", c.name());
        node.put("SPDXID", ids.get(c.ref()));
        if (c.version() != null) {
            node.put("versionInfo", c.version());
        }
        if (c.fileName() != null) {
            node.put("packageFileName", c.fileName());
        }
        node.put("supplier", c.supplier() == null ? "NOASSERTION" : "Organization: " + c.supplier());
        node.put("downloadLocation", c.downloadUrl() == null ? "NOASSERTION" : c.downloadUrl());
        node.put("filesAnalyzed", false);
        if (c.sha256() != null) {
            node.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", c.sha256());
        }
        String license = c.license() == null ? "NOASSERTION" : c.license();
        Matcher refs = LICENSE_REF.matcher(license);
        while (refs.find()) {
            licenseRefs.add(refs.group());
        }
        node.put("licenseConcluded", "NOASSERTION");
        node.put("licenseDeclared", license);
        node.put("copyrightText", "NOASSERTION");
        if (c.description() != null) {
            node.put("description", c.description());
        }
        if (!c.properties().isEmpty()) {
            StringBuilder comment = new StringBuilder();
            c.properties().forEach((k, v) -> comment.append(comment.length() == 0 ? "" : "; ").append(k)
                    .append('=').append(v));
            node.put("comment", comment.toString());
        }
        if (c.cpe() != null || c.purl() != null) {
            ArrayNode external = node.putArray("externalRefs");
            if (c.cpe() != null) {
                external.addObject().put("referenceCategory", "SECURITY").put("referenceType", "cpe23Type")
                        .put("referenceLocator", c.cpe());
            }
            if (c.purl() != null) {
                external.addObject().put("referenceCategory", "PACKAGE-MANAGER").put("referenceType", "purl")
                        .put("referenceLocator", c.purl());
            }
        }
        node.put("primaryPackagePurpose", c.type().spdx());
        return node;
    }

    /** An SPDX identifier ({@code SPDXRef-} and letters, digits, dots and dashes), unique in the document. */
    private static String spdxId(String name, Set<String> taken) {
        String base = "SPDXRef-" + slug(name);
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
    }
}
