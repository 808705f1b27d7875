/*
 * posix_net.c -- TCP for the POSIX port: connect with a timeout (IPv4 and
 * IPv6), recv/send in BearSSL's br_sslio low_read/low_write shape with
 * per-call and total timeouts, close.
 *
 * Sockets are non-blocking from the start; every wait is a poll() bounded
 * by the smaller of the per-call timeout and what is left of the total.
 * Numeric addresses go through inet_pton and allocate nothing; names go
 * through getaddrinfo, which in glibc allocates (see port/README.md).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "stsverify/sv_port.h"

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int fail(sv_net *n, int err, const char *why)
{
	n->err = err;
	n->why = why;
	return err;
}

/* Words for a socket errno; static strings only (strerror may allocate). */
static const char *errno_words(int e)
{
	switch (e) {
	case ECONNREFUSED: return "connection refused";
	case ECONNRESET:   return "connection reset by peer";
	case ENETUNREACH:  return "network unreachable";
	case EHOSTUNREACH: return "host unreachable";
	case ETIMEDOUT:    return "timed out";
	case EADDRNOTAVAIL: return "address not available";
	case EAFNOSUPPORT: return "address family not supported on this host";
	case EPIPE:        return "connection closed by peer";
	case EACCES:
	case EPERM:        return "connection not permitted (firewall or policy)";
	default:           return "socket error";
	}
}

void sv_port_net_init(sv_net *n)
{
	memset(n, 0, sizeof *n);
	n->fd = -1;
	n->why = "";
	n->io_ms = 30000;
}

void sv_port_net_timeouts(sv_net *n, int io_ms, int total_ms)
{
	n->io_ms = io_ms > 0 ? io_ms : 1;
	n->deadline = total_ms > 0 ? mono_ms() + total_ms : 0;
}

/* Milliseconds to wait now: the per-call bound, cut by the deadline (*cut set then). */
static int wait_ms(const sv_net *n, int64_t call_end, int *cut)
{
	int64_t now = mono_ms(), end = call_end;
	*cut = 0;
	if (n->deadline && n->deadline < end) {
		end = n->deadline;
		*cut = 1;
	}
	if (end <= now)
		return 0;
	return end - now > 0x7fffffff ? 0x7fffffff : (int)(end - now);
}

/* 1 ready, 0 timed out, -1 error (errno). */
static int wait_fd(int fd, short ev, int ms)
{
	struct pollfd p;
	int r;
	p.fd = fd;
	p.events = ev;
	p.revents = 0;
	r = poll(&p, 1, ms);
	if (r < 0)
		return -1;
	return r > 0;
}

/* One attempt on one address; SV_OK with n->fd set. */
static int try_addr(sv_net *n, const struct sockaddr *sa, socklen_t salen, int64_t end)
{
	int fd, e, one = 1;
	socklen_t el = sizeof e;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return fail(n, SV_E_NET, errno_words(errno));
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, sa, salen) != 0) {
		if (errno != EINPROGRESS && errno != EINTR) {
			e = errno;
			close(fd);
			return fail(n, SV_E_NET, errno_words(e));
		}
		for (;;) {
			int ms = (int)(end - mono_ms()), r;
			if (ms <= 0) {
				close(fd);
				return fail(n, SV_E_TIMEOUT, "connect timed out");
			}
			r = wait_fd(fd, POLLOUT, ms);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				e = errno;
				close(fd);
				return fail(n, SV_E_NET, errno_words(e));
			}
			if (r == 0) {
				close(fd);
				return fail(n, SV_E_TIMEOUT, "connect timed out");
			}
			break;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0)
			e = errno;
		if (e != 0) {
			close(fd);
			return fail(n, e == ETIMEDOUT ? SV_E_TIMEOUT : SV_E_NET, errno_words(e));
		}
	}
	n->fd = fd;
	n->err = SV_OK;
	n->why = "";
	if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          n->addr, sizeof n->addr);
	else
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		          n->addr, sizeof n->addr);
	return SV_OK;
}

int sv_port_net_connect(sv_net *n, const char *host, uint16_t port, int timeout_ms)
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;
	struct addrinfo hints, *res = NULL, *ai;
	int64_t end = mono_ms() + (timeout_ms > 0 ? timeout_ms : 1);
	int rc, g;

	sv_port_net_close(n);
	n->err = SV_OK;
	n->why = "";
	n->eof = 0;
	n->addr[0] = '\0';

	/* numeric addresses: no resolver, no allocation */
	memset(&s4, 0, sizeof s4);
	if (inet_pton(AF_INET, host, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		s4.sin_port = htons(port);
		return try_addr(n, (const struct sockaddr *)(const void *)&s4, sizeof s4, end);
	}
	memset(&s6, 0, sizeof s6);
	if (inet_pton(AF_INET6, host, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		s6.sin6_port = htons(port);
		return try_addr(n, (const struct sockaddr *)(const void *)&s6, sizeof s6, end);
	}

	/* names: getaddrinfo (glibc allocates here; documented in port/README.md) */
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	g = getaddrinfo(host, NULL, &hints, &res);
	if (g != 0) {
		switch (g) {
		case EAI_NONAME:
#ifdef EAI_NODATA
		case EAI_NODATA:
#endif
			return fail(n, SV_E_NOENT, "name does not resolve");
		case EAI_AGAIN:
			return fail(n, SV_E_NOENT, "name resolution failed temporarily (DNS server unreachable?)");
		default:
			return fail(n, SV_E_NOENT, "name resolution failed");
		}
	}
	rc = fail(n, SV_E_NOENT, "name has no address");
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET && ai->ai_addrlen >= sizeof s4) {
			memcpy(&s4, ai->ai_addr, sizeof s4);
			s4.sin_port = htons(port);
			rc = try_addr(n, (const struct sockaddr *)(const void *)&s4, sizeof s4, end);
		} else if (ai->ai_family == AF_INET6 && ai->ai_addrlen >= sizeof s6) {
			memcpy(&s6, ai->ai_addr, sizeof s6);
			s6.sin6_port = htons(port);
			rc = try_addr(n, (const struct sockaddr *)(const void *)&s6, sizeof s6, end);
		} else {
			continue;
		}
		if (rc == SV_OK || rc == SV_E_TIMEOUT)
			break;
	}
	freeaddrinfo(res);
	return rc;
}

int sv_port_net_recv(void *ctx, unsigned char *buf, size_t len)
{
	sv_net *n = ctx;
	int64_t call_end;

	if (n->fd < 0) {
		fail(n, SV_E_NET, "not connected");
		return -1;
	}
	call_end = mono_ms() + n->io_ms;
	for (;;) {
		ssize_t r = recv(n->fd, buf, len, 0);
		int w, cut;
		if (r > 0)
			return r > 0x7fffffff ? 0x7fffffff : (int)r;
		if (r == 0) {
			n->eof = 1;
			fail(n, SV_E_NET, "connection closed by peer");
			return -1;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			fail(n, SV_E_NET, errno_words(errno));
			return -1;
		}
		w = wait_ms(n, call_end, &cut);
		if (w == 0 || (w = wait_fd(n->fd, POLLIN, w)) == 0) {
			fail(n, SV_E_TIMEOUT, cut ? "total time limit reached" : "read timed out");
			return -1;
		}
		if (w < 0 && errno != EINTR) {
			fail(n, SV_E_NET, errno_words(errno));
			return -1;
		}
	}
}

int sv_port_net_send(void *ctx, const unsigned char *buf, size_t len)
{
	sv_net *n = ctx;
	int64_t call_end;

	if (n->fd < 0) {
		fail(n, SV_E_NET, "not connected");
		return -1;
	}
	call_end = mono_ms() + n->io_ms;
	for (;;) {
		/* MSG_NOSIGNAL: a closed peer is an error return, not SIGPIPE */
		ssize_t r = send(n->fd, buf, len, MSG_NOSIGNAL);
		int w, cut;
		if (r > 0)
			return r > 0x7fffffff ? 0x7fffffff : (int)r;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			fail(n, SV_E_NET, errno_words(errno));
			return -1;
		}
		w = wait_ms(n, call_end, &cut);
		if (w == 0 || (w = wait_fd(n->fd, POLLOUT, w)) == 0) {
			fail(n, SV_E_TIMEOUT, cut ? "total time limit reached" : "write timed out");
			return -1;
		}
		if (w < 0 && errno != EINTR) {
			fail(n, SV_E_NET, errno_words(errno));
			return -1;
		}
	}
}

void sv_port_net_close(sv_net *n)
{
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
}
