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

#endif
