/*
 * posix.c -- the POSIX platform layer.
 *
 * Plain system calls only: no stdio FILE (its buffers come from malloc),
 * no opendir (same), so every command path stays allocation-free.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#else
#include <dirent.h>
#endif

#include "stsverify/sv_port.h"

static int map_errno(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR: return SV_E_NOENT;
	case EACCES:
	case EPERM:   return SV_E_ACCES;
	case EISDIR:  return SV_E_ISDIR;
	default:      return SV_E_IO;
	}
}

/*
 * open(2) with O_CLOEXEC. musl's open() follows it with an fcntl(F_SETFD)
 * for kernels older than 2.6.23, which ignored the flag; its openat() does
 * not, and glibc's open() is openat anyway: one system call per file.
 */
static int open_rd(const char *path)
{
	return openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
}

int sv_port_read_file(const char *path, unsigned char *buf, size_t cap, size_t *len)
{
	int fd, stdin_ = path[0] == '-' && path[1] == '\0';
	size_t got = 0, size = (size_t)-1;
	struct stat st;

	fd = stdin_ ? 0 : open_rd(path);
	if (fd < 0)
		return map_errno(errno);
	if (!stdin_ && fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return SV_E_ISDIR;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			size = (size_t)st.st_size;
	}
	for (;;) {
		ssize_t r;
		unsigned char probe;
		if (got == cap) {
			/* one more byte tells "exactly cap" from "larger than cap" */
			do
				r = read(fd, &probe, 1);
			while (r < 0 && errno == EINTR);
			if (!stdin_)
				close(fd);
			if (r < 0)
				return SV_E_IO;
			if (r > 0)
				return SV_E_LIMIT;
			break;
		}
		r = read(fd, buf + got, cap - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (!stdin_)
				close(fd);
			return errno == EISDIR ? SV_E_ISDIR : SV_E_IO;
		}
		if (r == 0) {
			if (!stdin_)
				close(fd);
			break;
		}
		got += (size_t)r;
		/*
		 * A regular file's read stops short only at its end: having the
		 * size fstat gave, in less than was asked for, no read for the
		 * 0 that says so. (Pipes, procfs files and a file that grew go on
		 * to that 0.)
		 */
		if (got == size && got < cap) {
			close(fd);
			break;
		}
	}
	*len = got;
	return SV_OK;
}

int sv_port_stream_open(sv_port_stream *s, const char *path)
{
	struct stat st;

	s->is_stdin = path[0] == '-' && path[1] == '\0';
	s->fd = s->is_stdin ? 0 : open_rd(path);
	if (s->fd < 0)
		return map_errno(errno);
	if (!s->is_stdin && fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(s->fd);
		s->fd = -1;
		return SV_E_ISDIR;
	}
	return SV_OK;
}

int sv_port_stream_read(sv_port_stream *s, unsigned char *buf, size_t cap, size_t *got)
{
	ssize_t r;

	*got = 0;
	do
		r = read(s->fd, buf, cap);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno == EISDIR ? SV_E_ISDIR : SV_E_IO;
	*got = (size_t)r;
	return SV_OK;
}

void sv_port_stream_close(sv_port_stream *s)
{
	if (!s->is_stdin && s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

int sv_port_getenv(const char *name, sv_sv *val)
{
	const char *v = getenv(name);
	if (!v)
		return SV_E_NOENT;
	*val = sv_from_cstr(v);
	return SV_OK;
}

int sv_port_now(int64_t *t)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return SV_E_IO;
	*t = (int64_t)ts.tv_sec;
	return SV_OK;
}

int sv_port_write(void *ctx, const unsigned char *buf, size_t len)
{
	int fd = (int)(intptr_t)ctx;
	for (;;) {
		ssize_t w = write(fd, buf, len);
		if (w > 0)
			return (int)w;
		if (w < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

int sv_port_isatty(int fd)
{
	return isatty(fd);
}

int sv_port_stat(const char *path, sv_file_info *fi)
{
	struct stat st;
	memset(fi, 0, sizeof *fi);
	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? SV_OK : map_errno(errno);
	fi->exists = 1;
	fi->is_dir = S_ISDIR(st.st_mode);
	fi->readable = access(path, R_OK) == 0;
	fi->mode = (uint32_t)st.st_mode;
	fi->uid = (uint32_t)st.st_uid;
	fi->gid = (uint32_t)st.st_gid;
	fi->size = (int64_t)st.st_size;
	return SV_OK;
}

void sv_port_ids(uint32_t *uid, uint32_t *gid)
{
	*uid = (uint32_t)geteuid();
	*gid = (uint32_t)getegid();
}

int sv_port_in_group(uint32_t gid)
{
	gid_t groups[64];
	int n = getgroups(64, groups), i;
	if ((uint32_t)getegid() == gid)
		return 1;
	for (i = 0; i < n; i++)
		if ((uint32_t)groups[i] == gid)
			return 1;
	return 0;
}

int sv_port_random(unsigned char *buf, size_t len)
{
	while (len > 0) {
		size_t chunk = len > 256 ? 256 : len;
		if (getentropy(buf, chunk) != 0)
			return SV_E_IO;
		buf += chunk;
		len -= chunk;
	}
	return SV_OK;
}

static int list_add(const char *name, char *buf, size_t cap, size_t *used, size_t *count)
{
	size_t n = strlen(name);
	if ((name[0] == '.' && name[1] == '\0') || (name[0] == '.' && name[1] == '.' && name[2] == '\0'))
		return SV_OK;
	if (n + 1 > cap - *used)
		return SV_E_LIMIT;
	memcpy(buf + *used, name, n + 1);
	*used += n + 1;
	(*count)++;
	return SV_OK;
}

#ifdef __linux__
/*
 * getdents64 rather than opendir, which mallocs its buffer. A record is
 * u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, then the NUL-terminated
 * name; read with memcpy, the buffer has no struct type.
 */
int sv_port_list_dir(const char *path, char *buf, size_t cap, size_t *used, size_t *count)
{
	_Alignas(8) unsigned char d[8192];
	int fd, rc = SV_OK;

	*used = *count = 0;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return map_errno(errno);
	while (rc == SV_OK) {
		long n = syscall(SYS_getdents64, fd, d, sizeof d), off;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = map_errno(errno);
			break;
		}
		if (n == 0)
			break;
		for (off = 0; off < n && rc == SV_OK;) {
			unsigned short reclen;
			memcpy(&reclen, d + off + 16, sizeof reclen);
			if (reclen < 20 || off + reclen > n) {
				rc = SV_E_IO;
				break;
			}
			rc = list_add((const char *)d + off + 19, buf, cap, used, count);
			off += reclen;
		}
	}
	close(fd);
	return rc;
}
#else
int sv_port_list_dir(const char *path, char *buf, size_t cap, size_t *used, size_t *count)
{
	DIR *dir;
	struct dirent *e;
	int rc = SV_OK;

	*used = *count = 0;
	dir = opendir(path);
	if (!dir)
		return map_errno(errno);
	while (rc == SV_OK && (e = readdir(dir)) != NULL)
		rc = list_add(e->d_name, buf, cap, used, count);
	closedir(dir);
	return rc;
}
#endif
static int write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int sv_port_write_file(const char *path, const unsigned char *buf, size_t len)
{
	char tmp[4096];
	size_t pl = strlen(path);
	int fd, rc = SV_OK, e;

	if (pl + sizeof ".tmp" > sizeof tmp)
		return SV_E_LIMIT;
	memcpy(tmp, path, pl);
	memcpy(tmp + pl, ".tmp", sizeof ".tmp");
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return map_errno(errno);
	if (write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		return map_errno(e);
	}
	if (close(fd) != 0) {
		unlink(tmp);
		return SV_E_IO;
	}
	if (rename(tmp, path) != 0) {
		rc = map_errno(errno);
		unlink(tmp);
	}
	return rc;
}

int sv_port_mkdir(const char *path)
{
	struct stat st;
	if (mkdir(path, 0755) == 0)
		return SV_OK;
	if (errno == EEXIST && stat(path, &st) == 0)
		return S_ISDIR(st.st_mode) ? SV_OK : SV_E_FORMAT;
	return map_errno(errno);
}
