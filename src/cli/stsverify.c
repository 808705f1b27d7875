/* stsverify.c -- main(): the CLI wired to the port's stdout and stderr. */
#include "cli.h"
#include "stsverify/sv_port.h"

int main(int argc, char **argv)
{
	return sv_cli_main(argc, (const char *const *)argv, sv_port_write, (void *)(intptr_t)1, sv_port_write,
	                   (void *)(intptr_t)2);
}
