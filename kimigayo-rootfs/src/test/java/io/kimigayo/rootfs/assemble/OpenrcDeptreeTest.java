package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenRC's dependency tree computed at build time. The expected files are what OpenRC 0.63.3's own
 * {@code rc-depend -u} wrote for the same scripts in a chroot; the openrc-boot integration test compares the
 * standard rootfs's tree with OpenRC's again, and boots without OpenRC computing it.
 */
class OpenrcDeptreeTest {

    private static void script(FileTree tree, String name, String depend) {
        tree.addFile("/etc/init.d/" + name, Content.of(("#!/sbin/openrc-run\n\ndescription=\"" + name + "\"\n\n"
                + (depend == null ? "" : "depend()\n{\n" + depend + "}\n") + "\nstart()\n{\n\t:\n}\n")
                .getBytes(StandardCharsets.UTF_8)), 0755, 0, 0);
    }

    private static FileTree base() {
        FileTree tree = new FileTree();
        tree.addDirectory("/etc", 0755, 0, 0);
        tree.addDirectory("/etc/init.d", 0755, 0, 0);
        tree.addFile("/etc/rc.conf", Content.of("# rc_need=\"foo\"\nrc_tty_number=12\nrc_depend_strict=\"YES\"\n"
                .getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        // as OpenRC installs it: a link to its shell library, which gendepends.sh skips
        tree.addSymlink("/etc/init.d/functions.sh", "/usr/lib/rc/sh/functions.sh", 0, 0);
        tree.addFile("/usr/lib/rc/sh/functions.sh", Content.of("# functions\n".getBytes(StandardCharsets.UTF_8)),
                0644, 0, 0);
        script(tree, "devfs", "\tprovide dev-mount\n\tbefore dev\n\tkeyword -docker -prefix\n");
        script(tree, "localmount", "\tneed fsck root\n\tuse lvm\n\tafter clock lvm modules\n\tbefore bootmisc\n");
        script(tree, "bootmisc", "\tneed localmount\n\tbefore logger\n\tafter clock root sysctl\n");
        script(tree, "root", "\tneed fsck\n\tafter clock\n");
        script(tree, "local", "\tafter *\n\tkeyword -timeout\n");
        script(tree, "plain", null);
        return tree;
    }

    @Test
    void theTreeIsOpenrcsOwn() throws IOException {
        // OpenRC 0.63.3's rc-depend -u in a chroot holding these scripts wrote exactly this
        assertEquals("""
                depinfo_0_service='bootmisc'
                depinfo_0_ineed_0='localmount'
                depinfo_0_ibefore_0='logger'
                depinfo_0_ibefore_1='local'
                depinfo_0_iafter_0='clock'
                depinfo_0_iafter_1='root'
                depinfo_0_iafter_2='sysctl'
                depinfo_0_iafter_3='localmount'
                depinfo_1_service='devfs'
                depinfo_1_iprovide_0='dev-mount'
                depinfo_1_ibefore_0='dev'
                depinfo_1_ibefore_1='local'
                depinfo_1_keyword_0='-docker'
                depinfo_1_keyword_1='-prefix'
                depinfo_2_service='local'
                depinfo_2_iafter_0='bootmisc'
                depinfo_2_iafter_1='devfs'
                depinfo_2_iafter_2='localmount'
                depinfo_2_iafter_3='plain'
                depinfo_2_iafter_4='root'
                depinfo_2_keyword_0='-timeout'
                depinfo_3_service='localmount'
                depinfo_3_ineed_0='fsck'
                depinfo_3_ineed_1='root'
                depinfo_3_iuse_0='lvm'
                depinfo_3_iafter_0='clock'
                depinfo_3_iafter_1='lvm'
                depinfo_3_iafter_2='modules'
                depinfo_3_ibefore_0='bootmisc'
                depinfo_3_ibefore_1='local'
                depinfo_3_needsme_0='bootmisc'
                depinfo_3_broken_0='fsck'
                depinfo_4_service='plain'
                depinfo_4_ibefore_0='local'
                depinfo_5_service='root'
                depinfo_5_ineed_0='fsck'
                depinfo_5_iafter_0='clock'
                depinfo_5_ibefore_0='bootmisc'
                depinfo_5_ibefore_1='local'
                depinfo_5_needsme_0='localmount'
                depinfo_5_broken_0='fsck'
                depinfo_6_service='dev-mount'
                depinfo_6_providedby_0='devfs'
                """, OpenrcDeptree.compute(base()).orElseThrow());
    }

    @Test
    void aLaterBeforeCancelsAnAfterAndBackReferencesFollow() throws IOException {
        FileTree tree = new FileTree();
        script(tree, "a", "\tafter b\n\tbefore b c\n");
        script(tree, "b", null);
        script(tree, "c", "\tneed a; use b\n");
        assertEquals("""
                depinfo_0_service='a'
                depinfo_0_ibefore_0='b'
                depinfo_0_ibefore_1='c'
                depinfo_0_needsme_0='c'
                depinfo_1_service='b'
                depinfo_1_iafter_0='a'
                depinfo_1_usesme_0='c'
                depinfo_2_service='c'
                depinfo_2_ineed_0='a'
                depinfo_2_iuse_0='b'
                depinfo_2_iafter_0='a'
                """, OpenrcDeptree.compute(tree).orElseThrow());
    }

    @Test
    void addToWritesOpenrcsCache() throws IOException {
        FileTree tree = base();
        assertTrue(OpenrcDeptree.addTo(tree));
        TreeEntry.RegularFile file = (TreeEntry.RegularFile) tree.get(OpenrcDeptree.PATH).orElseThrow();
        assertEquals(0644, file.mode());
        try (InputStream in = file.content().open()) {
            assertEquals(OpenrcDeptree.compute(tree).orElseThrow(), new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        assertTrue(tree.get("/var/cache/rc").orElseThrow() instanceof TreeEntry.Directory);
    }

    @Test
    void scriptsThatNeedOpenrcsShellLeaveTheTreeToTheBoot() throws IOException {
        for (String depend : new String[]{"\tneed $NET\n", "\tafter \"clock\"\n", "\tconfig /etc/foo.conf\n",
            "\tif true; then need net; fi\n", "\tkeyword -containers\n", "\tafter [ab]*\n"}) {
            FileTree tree = base();
            script(tree, "user", depend);
            assertEquals(Optional.empty(), OpenrcDeptree.compute(tree), depend);
            assertFalse(OpenrcDeptree.addTo(tree));
            assertFalse(tree.get(OpenrcDeptree.PATH).isPresent());
        }
        FileTree s6 = base();
        s6.addFile("/etc/init.d/user", Content.of("#!/sbin/openrc-run\nsupervisor=s6\n"
                .getBytes(StandardCharsets.UTF_8)), 0755, 0, 0);
        assertEquals(Optional.empty(), OpenrcDeptree.compute(s6), "s6 adds need s6-svscan");
        FileTree confd = base();
        confd.addFile("/etc/conf.d/local", Content.of("rc_need=\"net\"\n".getBytes(StandardCharsets.UTF_8)), 0644,
                0, 0);
        assertEquals(Optional.empty(), OpenrcDeptree.compute(confd), "rc_need in conf.d");
        FileTree sys = base();
        sys.addFile("/etc/rc.conf", Content.of("rc_sys=\"lxc\"\n".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        assertEquals(Optional.empty(), OpenrcDeptree.compute(sys), "rc_sys drops services by keyword");
        FileTree link = base();
        link.addSymlink("/etc/init.d/net.eth0", "/etc/init.d/plain", 0, 0);
        assertEquals(Optional.empty(), OpenrcDeptree.compute(link), "a link to a script");
    }

    @Test
    void filesThatAreNoOpenrcScriptsAreSkippedAsGendependsSkipsThem() throws IOException {
        FileTree tree = new FileTree();
        script(tree, "a", null);
        tree.addFile("/etc/init.d/notes", Content.of("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)),
                0755, 0, 0);
        tree.addFile("/etc/init.d/off", Content.of("#!/sbin/openrc-run\n".getBytes(StandardCharsets.UTF_8)), 0644,
                0, 0);
        tree.addFile("/etc/init.d/old", Content.of("#!/sbin/runscript\n".getBytes(StandardCharsets.UTF_8)), 0755,
                0, 0);
        assertEquals("depinfo_0_service='a'\ndepinfo_1_service='old'\n",
                OpenrcDeptree.compute(tree).orElseThrow());
    }
}
