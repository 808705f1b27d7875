/*
 * harness.h -- runs the stsverify program in-process and captures its two
 * streams (the CLI tests for request and explain).
 */
#ifndef SV_TEST_CLI_HARNESS_H
#define SV_TEST_CLI_HARNESS_H

#include "helpers.h"
#include "cli/cli.h"

static char outbuf[1 << 20], errbuf[1 << 16];
static size_t outlen, errlen;

static int th_sink(void *ctx, const unsigned char *b, size_t n)
{
	int which = (int)(intptr_t)ctx;
	char *dst = which == 1 ? outbuf : errbuf;
	size_t *len = which == 1 ? &outlen : &errlen;
	size_t cap = (which == 1 ? sizeof outbuf : sizeof errbuf) - 1;
	if (*len + n > cap)
		n = cap - *len;
	memcpy(dst + *len, b, n);
	*len += n;
	dst[*len] = '\0';
	return n ? (int)n : -1;
}

/* argv ends with NULL; returns the exit status, output in outbuf / errbuf */
static int cli(const char *const *argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	outlen = errlen = 0;
	outbuf[0] = errbuf[0] = '\0';
	return sv_cli_main(argc, argv, th_sink, (void *)(intptr_t)1, th_sink, (void *)(intptr_t)2);
}

#endif
