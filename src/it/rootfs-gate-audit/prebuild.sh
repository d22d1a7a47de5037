# A program built the weak way: not PIE, executable stack, no RELRO.
. "$IT_LIB/common.sh"
require gcc
mkdir -p target/weak
printf 'int main(void) { return 0; }\n' > target/weak/weak.c
gcc -no-pie -fno-stack-protector -Wl,-z,execstack -Wl,-z,norelro -o target/weak/weak target/weak/weak.c
