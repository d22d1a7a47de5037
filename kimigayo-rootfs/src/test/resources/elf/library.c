/* A small shared library for the ELF audit tests, with a char buffer on the stack so a stack-protector build emits
 * a canary check. */
#include <string.h>

int kimigayo_length(const char *text) {
    char buffer[32];
    strncpy(buffer, text, sizeof buffer - 1);
    buffer[sizeof buffer - 1] = '\0';
    return (int) strlen(buffer);
}
