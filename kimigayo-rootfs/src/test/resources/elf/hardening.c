/* A small program for the ELF audit tests: main calls a function with a char buffer on its stack, so that a
 * stack-protector build emits a canary check (and so references __stack_chk_fail). */
#include <stdio.h>
#include <string.h>

static int copy_length(const char *text) {
    char buffer[64];
    strncpy(buffer, text, sizeof buffer - 1);
    buffer[sizeof buffer - 1] = '\0';
    return (int) strlen(buffer);
}

int main(int argc, char **argv) {
    printf("%d\n", copy_length(argc > 1 ? argv[1] : "kimigayo"));
    return 0;
}
