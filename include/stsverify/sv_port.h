/*
 * sv_port.h -- the platform layer: the only code that touches the OS.
 *
 * The core never calls these; the CLI does. Semantics of every function
 * are in port/README.md. Return codes are the core's SV_E_* values.
 */
#ifndef SV_PORT_H
#define SV_PORT_H

#include "sv.h"

/* Reads a whole file (or stdin for "-") into buf; SV_E_LIMIT when larger than cap. */
int sv_port_read_file(const char *path, unsigned char *buf, size_t cap, size_t *len);

/*
 * Reads a file (or stdin for "-") piece by piece, for inputs with no size
 * bound such as a batch of tokens: open, then read until *got is 0, then
 * close. Errors are the sv_port_read_file ones.
 */
typedef struct sv_port_stream {
	int fd;
	int is_stdin;
} sv_port_stream;

int  sv_port_stream_open(sv_port_stream *s, const char *path);
int  sv_port_stream_read(sv_port_stream *s, unsigned char *buf, size_t cap, size_t *got);
void sv_port_stream_close(sv_port_stream *s);

/* Value of an environment variable; SV_E_NOENT when unset. */
int sv_port_getenv(const char *name, sv_sv *val);

/* Wall-clock Unix seconds. */
int sv_port_now(int64_t *unix_seconds);

/* Standard output (fd 1) and error (fd 2); br_sslio low_write shape: >0 or -1. */
int sv_port_write(void *fd_ctx, const unsigned char *buf, size_t len);

/* 1 when the stream (1 or 2) is a terminal. */
int sv_port_isatty(int fd);

/* Facts about a path, for the pod-side preflight. */
typedef struct sv_file_info {
	int      exists;
	int      is_dir;
	int      readable;     /* by this process (access(R_OK)) */
	uint32_t mode;
	uint32_t uid, gid;
	int64_t  size;
} sv_file_info;

int sv_port_stat(const char *path, sv_file_info *fi);

/* This process's uid, gid and supplementary-group membership test. */
void sv_port_ids(uint32_t *uid, uint32_t *gid);
int  sv_port_in_group(uint32_t gid);

/*
 * The names in a directory, except "." and "..", in the file system's order:
 * each NUL-terminated, back to back in buf; *used bytes, *count names.
 * SV_E_LIMIT when they do not fit in cap, SV_E_NOENT when path is not a
 * directory. No allocation on Linux (getdents64).
 */
int sv_port_list_dir(const char *path, char *buf, size_t cap, size_t *used, size_t *count);

/* Fills buf with OS randomness. */
int sv_port_random(unsigned char *buf, size_t len);

/* Writes a whole file (created or replaced, mode 0644) from buf; the data
 * goes to "path.tmp" first and is renamed into place, so a reader never sees
 * half a file. */
int sv_port_write_file(const char *path, const unsigned char *buf, size_t len);

/* Creates a directory (mode 0755); SV_OK when it already exists as one. */
int sv_port_mkdir(const char *path);

/* ------------------------------------------------------------------ */
/* Networking: TCP with timeouts. port/posix_net.c implements it;      */
/* port/none.c (make PORT=none) compiles it out, and SV_NET is 0.      */
/* ------------------------------------------------------------------ */

#ifndef SV_NET
#define SV_NET 1
#endif

/*
 * One TCP connection. Complete so callers can place it anywhere; fields
 * other than err, why and addr are private to the port.
 */
typedef struct sv_net {
	int         fd;            /* -1 when not connected */
	int         err;           /* SV_OK, or SV_E_TIMEOUT / SV_E_NET / SV_E_NOENT of the last failure */
	const char *why;           /* static text for the last failure, "" when none */
	int         eof;           /* the peer closed its side (recv saw end of stream) */
	int         io_ms;         /* per-call timeout of recv/send, milliseconds */
	int64_t     deadline;      /* port clock (monotonic ms) after which recv/send fail; 0 = none */
	char        addr[48];      /* numeric address connected to: "127.0.0.1", "::1" */
} sv_net;

/* Cannot fail; makes sv_port_net_close safe. */
void sv_port_net_init(sv_net *n);

/*
 * Resolves host (a name, or a numeric IPv4/IPv6 address without brackets)
 * and connects to the first address that answers within timeout_ms in
 * total. SV_E_NOENT: the name does not resolve; SV_E_TIMEOUT; SV_E_NET
 * (refused, unreachable, ...). n->why says which in words.
 */
int  sv_port_net_connect(sv_net *n, const char *host, uint16_t port, int timeout_ms);

/* Timeouts for later recv/send: io_ms per call (time without progress),
 * total_ms from now for all of them (0: no total bound). */
void sv_port_net_timeouts(sv_net *n, int io_ms, int total_ms);

/*
 * BearSSL br_sslio low_read / low_write shapes: ctx is the sv_net. Return
 * the number of bytes moved (>0) or -1; end of stream is -1 (n->eof set),
 * a timeout is -1 with n->err == SV_E_TIMEOUT. len is never 0.
 */
int  sv_port_net_recv(void *ctx, unsigned char *buf, size_t len);
int  sv_port_net_send(void *ctx, const unsigned char *buf, size_t len);

/* Closes the connection; safe on a closed or never-opened sv_net. */
void sv_port_net_close(sv_net *n);

#endif
