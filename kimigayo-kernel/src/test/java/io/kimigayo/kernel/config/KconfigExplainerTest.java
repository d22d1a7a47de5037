package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KconfigExplainerTest {

    @Test
    void theObjectsConfIsLinkedFromAreReadFromItsCmdFile() throws IOException {
        // Linux 6.1 writes cmd_..., later kernels savedcmd_...
        String cmd = "cmd_scripts/kconfig/conf := gcc   -o scripts/kconfig/conf scripts/kconfig/conf.o "
                + "scripts/kconfig/confdata.o scripts/kconfig/expr.o scripts/kconfig/lexer.lex.o "
                + "scripts/kconfig/menu.o scripts/kconfig/parser.tab.o scripts/kconfig/preprocess.o "
                + "scripts/kconfig/symbol.o scripts/kconfig/util.o   \n";
        assertEquals(List.of("scripts/kconfig/confdata.o", "scripts/kconfig/expr.o", "scripts/kconfig/lexer.lex.o",
                "scripts/kconfig/menu.o", "scripts/kconfig/parser.tab.o", "scripts/kconfig/preprocess.o",
                "scripts/kconfig/symbol.o", "scripts/kconfig/util.o"), KconfigExplainer.confObjects(cmd));
        assertEquals(List.of("scripts/kconfig/mnconf-common.o", "scripts/kconfig/util.o"),
                KconfigExplainer.confObjects("savedcmd_scripts/kconfig/conf := gcc -o scripts/kconfig/conf "
                        + "scripts/kconfig/conf.o scripts/kconfig/mnconf-common.o scripts/kconfig/util.o\n"));
        assertThrows(IOException.class, () -> KconfigExplainer.confObjects("cmd_x := gcc -o x x.c\n"));
    }
}
