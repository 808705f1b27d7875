/*
 * none.c -- the network half of the port, compiled out (make PORT=none).
 *
 * PORT=none links port/posix.c (files, environment, clock, entropy) with
 * this file instead of port/posix_net.c and builds everything with
 * -DSV_NET=0: the online commands then say "not built in (offline build)"
 * without calling in here, and neither sockets, the resolver nor BearSSL's
 * TLS engine end up in the binary. These definitions only keep the
 * contract in sv_port.h whole for code that links against it anyway.
 */
#include <string.h>

#include "stsverify/sv_port.h"

static const char offline[] = "networking is not built in (offline build, PORT=none)";

void sv_port_net_init(sv_net *n)
{
	memset(n, 0, sizeof *n);
	n->fd = -1;
	n->why = "";
}

int sv_port_net_connect(sv_net *n, const char *host, uint16_t port, int timeout_ms)
{
	(void)host;
	(void)port;
	(void)timeout_ms;
	n->err = SV_E_NET;
	n->why = offline;
	return SV_E_NET;
}

void sv_port_net_timeouts(sv_net *n, int io_ms, int total_ms)
{
	(void)n;
	(void)io_ms;
	(void)total_ms;
}

int sv_port_net_recv(void *ctx, unsigned char *buf, size_t len)
{
	sv_net *n = ctx;
	(void)buf;
	(void)len;
	n->err = SV_E_NET;
	n->why = offline;
	return -1;
}

int sv_port_net_send(void *ctx, const unsigned char *buf, size_t len)
{
	sv_net *n = ctx;
	(void)buf;
	(void)len;
	n->err = SV_E_NET;
	n->why = offline;
	return -1;
}

void sv_port_net_close(sv_net *n)
{
	n->fd = -1;
}
