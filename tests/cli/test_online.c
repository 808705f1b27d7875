/*
 * test_online.c -- fetch and thumbprint against real peers this test starts
 * on 127.0.0.1 and ::1 (tests/net/server.py: HTTPS with the test PKI of
 * fixtures/tls, plain HTTP, a CONNECT proxy). No other address is ever
 * contacted: every run pins names with --resolve (which also keeps the
 * resolver, the one allocating piece of the port, out of the way) except
 * one that resolves "localhost" through /etc/hosts.
 *
 * Every run must end in bounded time; hostile peers must produce exactly
 * one error line naming the URL and the failure; and, as in test_noalloc,
 * this executable replaces malloc so it can assert that the CLI paths
 * make no heap call at all.
 */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE        /* memmem, for memscan.h */
#include "helpers.h"
#include "cli/cli.h"
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

#include <bearssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "memscan.h"

#if defined(__SANITIZE_ADDRESS__)
#define SV_NOALLOC_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SV_NOALLOC_SKIP 1
#endif
#endif

static int counting;
static unsigned long calls;

#ifndef SV_NOALLOC_SKIP
static _Alignas(16) unsigned char arena[64u << 20];
static size_t used;

void *malloc(size_t n);
void *calloc(size_t a, size_t b);
void *realloc(void *p, size_t n);
void free(void *p);

void *malloc(size_t n)
{
	unsigned char *p;
	if (counting)
		calls++;
	n = (n + 15) & ~(size_t)15;
	if (used + n + 16 > sizeof arena)
		return NULL;
	p = arena + used;
	memcpy(p, &n, sizeof n);
	used += n + 16;
	return p + 16;
}

void *calloc(size_t a, size_t b)
{
	void *p;
	if (b && a > (size_t)-1 / b)
		return NULL;
	p = malloc(a * b);
	if (p)
		memset(p, 0, a * b);
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q;
	size_t old;
	if (!p)
		return malloc(n);
	memcpy(&old, (unsigned char *)p - 16, sizeof old);
	q = malloc(n);
	if (q)
		memcpy(q, p, old < n ? old : n);
	return q;
}

void free(void *p)
{
	(void)p;
	if (counting)
		calls++;
}
#endif

#define TLS "fixtures/tls/"

/* ---- peers ------------------------------------------------------------- */

typedef struct peer {
	pid_t pid;
	int   in;       /* its stdin: closing it ends the server */
	int   out;      /* its stdout: "PORT n", then proxy log lines */
	int   port;
} peer;

enum { P_GOOD, P_V6, P_EXPIRED, P_WRONGHOST, P_UNTRUSTED, P_PLAIN, P_PROXY, P_PROXY_AUTH, NPEERS };
static peer peers[NPEERS];

static void spawn(peer *p, const char *const *args)
{
	int in[2], out[2];
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	p->pid = fork();
	assert_true(p->pid >= 0);
	if (p->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execvp("python3", (char *const *)(uintptr_t)args);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	p->in = in[1];
	p->out = out[0];
	p->port = 0;
}

/* Reads one line from a peer's stdout within ms; 0 when none came. */
static int peer_line(peer *p, char *line, size_t cap, int ms)
{
	size_t n = 0;
	while (n + 1 < cap) {
		struct pollfd pf = { p->out, POLLIN, 0 };
		char c;
		if (poll(&pf, 1, ms) <= 0 || read(p->out, &c, 1) != 1)
			return 0;
		if (c == '\n')
			break;
		line[n++] = c;
	}
	line[n] = '\0';
	return 1;
}

/*
 * The mock STS answers every entry of the error catalogue (sv_stserr.c):
 * setup writes one line per entry, "id TAB http TAB code TAB message", and
 * a RoleArn whose role name is an entry's id gets that answer.
 */
static char sts_table[] = "/tmp/stsverify-ststable-XXXXXX";

static void write_sts_table(void)
{
	size_t n, i;
	const sv_sts_error *t = sv_sts_errors(&n);
	int fd = mkstemp(sts_table);
	FILE *f;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (i = 0; i < n; i++) {
		char msg[1024];
		sv_buf b;
		sv_buf_init(&b, msg, sizeof msg);
		/* the catalogue's own text with "v1" for its variable parts; generic entries get a text no pattern has */
		if (t[i].message)
			sv_buf_fmt(&b, t[i].message, SV_LIT("v1"), SV_LIT("v1"), SV_LIT("v1"));
		else
			sv_buf_str(&b, "stsverify test: a message the catalogue does not list");
		fprintf(f, "%s\t%d\t%s\t%s\n", t[i].id, t[i].http, t[i].code, msg);
	}
	fclose(f);
}

static int setup(void **state)
{
	static const char *srv = "tests/net/server.py";
	const char *good[] = { "python3", srv, "https", "--cert", TLS "localhost-chain.pem", "--key", TLS "leaf.key",
		"--jwks", TLS "keys.json", "--sts-table", sts_table, NULL };
	const char *v6[] = { "python3", srv, "https", "--host", "::1", "--cert", TLS "localhost-chain.pem", "--key",
		TLS "leaf.key", "--jwks", TLS "keys.json", NULL };
	const char *expired[] = { "python3", srv, "https", "--cert", TLS "expired-chain.pem", "--key", TLS "leaf.key", NULL };
	const char *wrong[] = { "python3", srv, "https", "--cert", TLS "wronghost-chain.pem", "--key", TLS "leaf.key", NULL };
	const char *untrusted[] = { "python3", srv, "https", "--cert", TLS "untrusted-chain.pem", "--key", TLS "leaf.key",
		NULL };
	const char *plain[] = { "python3", srv, "http", NULL };
	const char *proxy[] = { "python3", srv, "proxy", NULL };
	const char *proxy_auth[] = { "python3", srv, "proxy", "--auth", "tester:s3cr@t", NULL };
	const char *const *all[NPEERS] = { good, v6, expired, wrong, untrusted, plain, proxy, proxy_auth };
	char line[64];
	int i;
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");
	unsetenv("SSL_CERT_FILE");
	write_sts_table();
	for (i = 0; i < NPEERS; i++)
		spawn(&peers[i], all[i]);
	for (i = 0; i < NPEERS; i++) {
		if (!peer_line(&peers[i], line, sizeof line, 15000) || sscanf(line, "PORT %d", &peers[i].port) != 1) {
			fprintf(stderr, "peer %d did not start\n", i);
			return -1;
		}
	}
	return 0;
}

static int teardown(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < NPEERS; i++) {
		if (peers[i].pid <= 0)
			continue;
		close(peers[i].in);
		kill(peers[i].pid, SIGTERM);
		waitpid(peers[i].pid, NULL, 0);
		close(peers[i].out);
	}
	unlink(sts_table);
	return 0;
}

/* ---- running the CLI --------------------------------------------------- */

static char outbuf[1 << 20], errbuf[1 << 16];
static size_t outlen, errlen;
static double secs;

static int sink(void *ctx, const unsigned char *b, size_t n)
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

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Formatted strings that live until the next test. */
static char pool[64][600];
static int npool;

static const char *S(const char *fmt, ...)
{
	va_list ap;
	char *p = pool[npool++ % 64];
	va_start(ap, fmt);
	vsnprintf(p, sizeof pool[0], fmt, ap);
	va_end(ap);
	return p;
}

/* Runs stsverify with the NULL-terminated arguments; counts heap calls when noalloc. */
static int run_args(int noalloc, const char *const *argv)
{
	int argc = 0, rc;
	double t0;
	while (argv[argc])
		argc++;
	outlen = errlen = 0;
	outbuf[0] = errbuf[0] = '\0';
	calls = 0;
	t0 = now_s();
	counting = noalloc;
	rc = sv_cli_main(argc, argv, sink, (void *)(intptr_t)1, sink, (void *)(intptr_t)2);
	counting = 0;
	secs = now_s() - t0;
#ifndef SV_NOALLOC_SKIP
	if (noalloc && calls != 0)
		fail_msg("%s %s: %lu heap calls during the command", argv[1], argc > 2 ? argv[2] : "", calls);
#endif
	return rc;
}

#define RUN(...) run_args(1, (const char *const[]){ "stsverify", __VA_ARGS__, NULL })
#define RUN_ALLOC_OK(...) run_args(0, (const char *const[]){ "stsverify", __VA_ARGS__, NULL })

/* The cipher suite is OpenSSL's choice: check it is an AEAD ECDHE one, then mask it. */
static void mask_suite(void)
{
	char *p = outbuf;
	while ((p = strstr(p, "TLSv1.2 ")) != NULL) {
		char *s = p + 8, *e = strchr(s, ',');
		assert_non_null(e);
		if (strncmp(s, "ECDHE_RSA_WITH_", 15) != 0 || (!strstr(s, "GCM") && !strstr(s, "CHACHA20")) ||
		    strstr(s, "GCM") > e) {
			if (!(strstr(s, "CHACHA20") && strstr(s, "CHACHA20") < e))
				fail_msg("unexpected cipher suite in: %.60s", p);
		}
		memmove(s + 5, e, strlen(e) + 1);
		memcpy(s, "SUITE", 5);
		p = s + 5;
	}
}

/* The one error line of a failed run. */
static void assert_one_error_line(const char *want)
{
	char line[2048];
	snprintf(line, sizeof line, "stsverify: %s\n", want);
	if (strcmp(errbuf, line) != 0)
		fail_msg("stderr\n  got:  %s  want: %s", errbuf, line);
}

/* A usage or input error: its line, then its hint line. */
static void assert_error_and_hint(const char *want, const char *hint)
{
	char line[4096];
	snprintf(line, sizeof line, "stsverify: %s\nhint: %s\n", want, hint);
	if (strcmp(errbuf, line) != 0)
		fail_msg("stderr\n  got:  %s  want: %s", errbuf, line);
}

#define H_USAGE(cmd) "run `stsverify help " cmd "` for its options and what each one takes"
#define H_ISSUER "ISSUER is the token's iss claim exactly, https://... (`stsverify decode --token FILE` shows it)"
#define H_CA_IS "PEM CA certificates (-----BEGIN CERTIFICATE----- blocks)"
#define H_CA_GET "the ca-certificates package (/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt)"

static const char *CHAIN_LOCALHOST =
	"  chain     0  CN=localhost, O=stsverify tests\n"
	"              issuer CN=stsverify test intermediate CA, O=stsverify tests\n"
	"              valid  2025-01-01T00:00:00Z to 2049-12-31T23:59:59Z\n"
	"              names  DNS:localhost\n"
	"              sha1   f02e3132695f5c0d09f496b4ff99122b395e16c6\n"
	"            1  CN=stsverify test intermediate CA, O=stsverify tests\n";

/* ---- fetch: the good path --------------------------------------------- */

static void test_fetch_writes_the_check_dir_bundle(void **state)
{
	int p = peers[P_GOOD].port;
	char dir[] = "/tmp/stsverify-fetch-XXXXXX", want[8192], path[256];
	const char *disc_json;
	size_t klen = 0, dlen = 0, flen = 0;
	char *keys, *disc, *fixture;
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", p), "--out", dir), 0);
	mask_suite();
	disc_json = S("{\n  \"issuer\": \"https://localhost:%d/good\",\n  \"jwks_uri\": \"https://localhost:%d/good/keys\",\n"
	              "  \"response_types_supported\": [\n    \"id_token\"\n  ],\n  \"subject_types_supported\": [\n"
	              "    \"public\"\n  ],\n  \"id_token_signing_alg_values_supported\": [\n    \"RS256\"\n  ]\n}", p, p);
	fixture = th_read(TLS "keys.json", &flen);
	assert_non_null(fixture);
	snprintf(want, sizeof want,
	         "trust     fixtures/tls/root-ca.pem (--ca-file, 1 certificate)\n"
	         "discovery GET https://localhost:%d/good/.well-known/openid-configuration\n"
	         "  path      direct (no https_proxy/HTTPS_PROXY set): localhost port %d, address 127.0.0.1 (from --resolve)\n"
	         "  tls       TLSv1.2 SUITE, certificate verified for localhost\n"
	         "%s"
	         "  status    200 OK\n"
	         "  type      application/json\n"
	         "  body      %zu bytes: JSON; issuer \"https://localhost:%d/good\", jwks_uri \"https://localhost:%d/good/keys\"\n"
	         "wrote     %s/openid-configuration.json (%zu bytes)\n"
	         "jwks      GET https://localhost:%d/good/keys\n"
	         "  path      direct (no https_proxy/HTTPS_PROXY set): localhost port %d, address 127.0.0.1 (from --resolve)\n"
	         "  tls       TLSv1.2 SUITE, certificate verified for localhost\n"
	         "%s"
	         "  status    200 OK\n"
	         "  type      application/json\n"
	         "  body      %zu bytes: JWK Set with 1 key (1 RSA, 0 EC, 0 other)\n"
	         "wrote     %s/keys.json (%zu bytes)\n"
	         "result    OK: both documents are served anonymously over HTTPS as JSON\n",
	         p, p, CHAIN_LOCALHOST, strlen(disc_json), p, p, dir, strlen(disc_json), p, p, CHAIN_LOCALHOST, flen,
	         dir, flen);
	assert_string_equal(outbuf, want);
	assert_string_equal(errbuf, "");
	/* the files hold exactly the bytes the server sent */
	snprintf(path, sizeof path, "%s/openid-configuration.json", dir);
	disc = th_read(path, &dlen);
	assert_non_null(disc);
	assert_string_equal(disc, disc_json);
	snprintf(path, sizeof path, "%s/keys.json", dir);
	keys = th_read(path, &klen);
	assert_non_null(keys);
	assert_int_equal(klen, flen);
	assert_memory_equal(keys, fixture, flen);
	unlink(path);
	snprintf(path, sizeof path, "%s/openid-configuration.json", dir);
	unlink(path);
	/* a file that cannot be written (a directory in its place): a local input error */
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", p), "--out", dir), 2);
	{
		char err[512];
		snprintf(err, sizeof err, "stsverify: fetch: cannot write %s: is a directory\n"
		         "hint: --out needs a directory you can write to\n", path);
		assert_string_equal(errbuf, err);
	}
	rmdir(path);
	rmdir(dir);
	free(keys);
	free(disc);
	free(fixture);
}

static void test_fetch_chunked_over_ipv6(void **state)
{
	int p = peers[P_V6].port;
	(void)state;
	assert_int_equal(RUN("fetch", S("https://localhost:%d/chunked", p), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:[::1]", p)), 0);
	assert_non_null(strstr(outbuf, S("  path      direct (no https_proxy/HTTPS_PROXY set): localhost port %d, "
	                                 "address ::1 (from --resolve)\n", p)));
	assert_non_null(strstr(outbuf, "  body      500 bytes: JWK Set with 1 key (1 RSA, 0 EC, 0 other)\n"));
	assert_non_null(strstr(outbuf, "result    OK: both documents"));
}

static void test_fetch_follows_and_reports_redirects(void **state)
{
	int p = peers[P_GOOD].port;
	(void)state;
	assert_int_equal(RUN("fetch", S("https://localhost:%d/redirect", p), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", p)), 0);
	assert_non_null(strstr(outbuf, S("  status    302 Found\n  redirect  -> doc\n"
	                                 "  redirect 1 of at most 3: GET https://localhost:%d/redirect/.well-known/doc\n",
	                                 p)));
	assert_non_null(strstr(outbuf, S("  status    301 Moved Permanently\n  redirect  -> https://localhost:%d/good/keys\n", p)));
	assert_non_null(strstr(outbuf, "  warning   served through a redirect; whether STS follows redirects is not confirmed\n"));
	assert_null(strstr(outbuf, "is not ISSUER"));
	assert_non_null(strstr(outbuf, "result    OK with 2 warnings"));
}

/* ---- hostile or broken peers ------------------------------------------- */

static void test_fetch_hostile_peers_fail_fast_with_one_line(void **state)
{
	static const struct {
		int peer;
		const char *scenario;
		const char *err;     /* after "stsverify: fetch: https://localhost:PORT" */
	} c[] = {
		{ P_GOOD, "loop", "/loop/.well-known/openid-configuration: redirected more than 3 times (SV_MAX_REDIRECTS): "
		  "https://localhost:%1$d/loop/.well-known/openid-configuration -> https://localhost:%1$d/loop/b -> "
		  "https://localhost:%1$d/loop/a -> https://localhost:%1$d/loop/b -> /loop/a" },
		{ P_GOOD, "tohttp", "/tohttp/.well-known/openid-configuration: 302 redirect to plain http "
		  "(http://localhost:%1$d/good/.well-known/openid-configuration): refused, HTTPS is required" },
		{ P_GOOD, "big", "/big/.well-known/openid-configuration: body of 300000 bytes (Content-Length) is larger "
		  "than the 65536-byte limit (SV_MAX_DOC_BYTES)" },
		{ P_GOOD, "bigchunked", "/bigchunked/.well-known/openid-configuration: body larger than the 65536-byte "
		  "limit (SV_MAX_DOC_BYTES) (a chunk of 700 bytes after 65100)" },
		{ P_GOOD, "stall", "/stall/.well-known/openid-configuration: the server stalled after 11 of 200 body "
		  "bytes: nothing for 1 s (--timeout)" },
		{ P_GOOD, "badchunk", "/badchunk/.well-known/openid-configuration: malformed chunk size line \"zz\"" },
		{ P_GOOD, "noheaders", "/noheaders/.well-known/openid-configuration: response has no header fields "
		  "(status 200 and nothing else)" },
		{ P_GOOD, "s3denied", "/s3denied/.well-known/openid-configuration: HTTP 403: S3 AccessDenied (\"Access "
		  "Denied\"): the bucket or object is not publicly readable, and STS fetches anonymously" },
		{ P_GOOD, "s3redirect", "/s3redirect/.well-known/openid-configuration: HTTP 301: S3 PermanentRedirect: "
		  "the bucket must be addressed at \"my-oidc.s3.us-west-2.amazonaws.com\" (a CloudFront or S3 origin "
		  "pointing at the wrong regional endpoint)" },
		{ P_GOOD, "login", "/login/.well-known/openid-configuration: HTTP 200: an HTML login page (\"Sign in to "
		  "Corp SSO\") instead of JSON: the discovery document sits behind authentication, and STS fetches "
		  "anonymously" },
		{ P_GOOD, "keysdenied", "/keysdenied/keys: HTTP 403: S3 AccessDenied (\"Access Denied\"): the bucket or "
		  "object is not publicly readable, and STS fetches anonymously" },
		{ P_GOOD, "notjson", "/notjson/.well-known/openid-configuration: HTTP 200 but the body is not JSON "
		  "(it starts \"hello\")" },
		{ P_GOOD, "nothere", "/nothere/.well-known/openid-configuration: HTTP 404 Not Found: STS needs 200 "
		  "with the discovery document" },
		{ P_EXPIRED, "good", "/good/.well-known/openid-configuration: TLS: certificate of the server "
		  "(CN=localhost, O=stsverify tests) expired on 2021-01-01T00:00:00Z" },
		{ P_WRONGHOST, "good", "/good/.well-known/openid-configuration: TLS: certificate does not match the host "
		  "name localhost: it is for CN=wrong.example, O=stsverify tests (DNS:wrong.example)" },
		{ P_UNTRUSTED, "good", "/good/.well-known/openid-configuration: TLS: certificate chain is not trusted by "
		  "fixtures/tls/root-ca.pem (--ca-file, 1 certificate): it ends in the self-signed CN=stsverify "
		  "untrusted CA, O=stsverify tests, which is not an anchor there" },
		{ P_PLAIN, "good", "/good/.well-known/openid-configuration: TLS: the server answered in plain HTTP, not "
		  "TLS (\"HTTP/1.1 400 Bad Request\"): this port does not speak HTTPS" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		int p = peers[c[i].peer].port, rc;
		char err[1500], full[1600];
		rc = RUN("fetch", S("https://localhost:%d/%s", p, c[i].scenario), "--ca-file", TLS "root-ca.pem",
		         "--resolve", S("localhost:%d:127.0.0.1", p), "--timeout", "1");
		snprintf(err, sizeof err, c[i].err, p);
		snprintf(full, sizeof full, "fetch: https://localhost:%d%s", p, err);
		if (rc != 1)
			fail_msg("%s: exit %d, stderr %s", c[i].scenario, rc, errbuf);
		assert_one_error_line(full);
		if (secs > 5.0)
			fail_msg("%s: took %.1f s", c[i].scenario, secs);
	}
}

static void test_connection_refused_and_total_deadline(void **state)
{
	int p = peers[P_GOOD].port, closed;
	int fd;
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	(void)state;
	/* a port nobody listens on: bind, read the number, close */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(0x7f000001);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	closed = ntohs(sa.sin_port);
	close(fd);
	assert_int_equal(RUN("thumbprint", S("https://localhost:%d/", closed), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", closed)), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: connect to localhost port %d (127.0.0.1): "
	                        "connection refused", closed, closed));

	/* a trickle is stopped by --max-time even when each read is within --timeout */
	assert_int_equal(RUN("fetch", S("https://localhost:%d/stall", p), "--ca-file", TLS "root-ca.pem", "--resolve",
	                     S("localhost:%d:127.0.0.1", p), "--timeout", "10", "--max-time", "1500ms"), 1);
	assert_one_error_line(S("fetch: https://localhost:%d/stall/.well-known/openid-configuration: the request did "
	                        "not finish within 1500 ms (--max-time); 11 body bytes had come", p));
	assert_true(secs < 5.0);

	/* --max-body lowers the limit and says so */
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem", "--resolve",
	                     S("localhost:%d:127.0.0.1", p), "--max-body", "100"), 1);
	assert_non_null(strstr(errbuf, "is larger than the 100-byte limit (--max-body)\n"));
}

/*
 * A peer that never answers the SYN, on loopback: a listening socket with a
 * backlog of 0 whose accept queue the test fills first; Linux then drops
 * further SYNs, so connect() waits exactly as for a black-holed address.
 */
static void test_connect_timeout_when_syn_gets_no_answer(void **state)
{
	int lfd, fill[4], port, i;
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	(void)state;
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(0x7f000001);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(lfd, 0), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &sl), 0);
	port = ntohs(sa.sin_port);
	for (i = 0; i < 4; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		assert_true(fill[i] >= 0);
		(void)connect(fill[i], (struct sockaddr *)&sa, sizeof sa);
	}
	usleep(200 * 1000);
	assert_int_equal(RUN("thumbprint", S("https://localhost:%d/", port), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", port), "--connect-timeout", "700ms"), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: connect to localhost port %d (127.0.0.1): "
	                        "no answer within 700 ms (--connect-timeout)", port, port));
	if (secs < 0.6 || secs > 5.0)
		fail_msg("the 700 ms connect timeout ended after %.2f s", secs);
	for (i = 0; i < 4; i++)
		close(fill[i]);
	close(lfd);
}

/* ---- thumbprint --------------------------------------------------------- */

/* Runs a shell pipeline (over our own loopback peer) and returns its first output line. */
static void sh_line(const char *cmd, char *out, size_t cap)
{
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	out[0] = '\0';
	if (!fgets(out, (int)cap, f))
		out[0] = '\0';
	pclose(f);
	out[strcspn(out, "\n")] = '\0';
}

/* "sha1 Fingerprint=64:D1:..." -> "64d1..." */
static void openssl_fp_to_iam(const char *line, char *hex)
{
	const char *p = strchr(line, '=');
	size_t n = 0;
	assert_non_null(p);
	for (p++; *p; p++) {
		if (*p == ':')
			continue;
		hex[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
	}
	hex[n] = '\0';
}

static void test_thumbprint_equals_openssl_on_the_last_certificate(void **state)
{
	int p = peers[P_GOOD].port;
	char line[256], fp[64], want[4096];
	(void)state;
	assert_int_equal(RUN("thumbprint", S("https://localhost:%d/good/keys", p), "--ca-file", TLS "root-ca.pem",
	                     "--resolve", S("localhost:%d:127.0.0.1", p)), 0);
	/* what the server really sent, taken the way the AWS knowledge-center article says: s_client -showcerts, last one */
	sh_line(S("openssl s_client -connect 127.0.0.1:%d -servername localhost -showcerts </dev/null 2>/dev/null | "
	          "awk '/BEGIN CERT/{c=\"\"} {c=c $0 \"\\n\"} /END CERT/{last=c} END{printf \"%%s\", last}' | "
	          "openssl x509 -noout -fingerprint -sha1", p), line, sizeof line);
	openssl_fp_to_iam(line, fp);
	assert_string_equal(fp, "64d1095e8219e020566a2d02725bee491d938cbc");
	mask_suite();
	snprintf(want, sizeof want,
	         "trust     fixtures/tls/root-ca.pem (--ca-file, 1 certificate)\n"
	         "host      localhost port %d\n"
	         "  path      direct (no https_proxy/HTTPS_PROXY set): localhost port %d, address 127.0.0.1 (from --resolve)\n"
	         "  tls       TLSv1.2 SUITE, certificate verified for localhost\n"
	         "  chain     0  CN=localhost, O=stsverify tests\n"
	         "              issuer CN=stsverify test intermediate CA, O=stsverify tests\n"
	         "              valid  2025-01-01T00:00:00Z to 2049-12-31T23:59:59Z\n"
	         "              names  DNS:localhost\n"
	         "              sha1   f02e3132695f5c0d09f496b4ff99122b395e16c6\n"
	         "            1  CN=stsverify test intermediate CA, O=stsverify tests\n"
	         "              issuer CN=stsverify test root CA, O=stsverify tests\n"
	         "              valid  2024-01-01T00:00:00Z to 2049-12-31T23:59:59Z\n"
	         "              sha1   64d1095e8219e020566a2d02725bee491d938cbc\n"
	         "thumbprint %s\n"
	         "          SHA-1 of certificate 1, the last of the 2 the server sent: CN=stsverify test intermediate CA, "
	         "O=stsverify tests\n"
	         "note      IAM compares this with the provider's ThumbprintList only when the certificate does not chain "
	         "to a CA AWS trusts\n",
	         p, p, fp);
	assert_string_equal(outbuf, want);
}

static void test_thumbprint_resolves_localhost_and_refuses_ip_names(void **state)
{
	int p = peers[P_GOOD].port;
	(void)state;
	/* through getaddrinfo and /etc/hosts (this path may allocate: glibc's resolver) */
	if (access("/etc/hosts", R_OK) == 0) {
		char hosts[4096] = "";
		FILE *f = fopen("/etc/hosts", "r");
		size_t n = f ? fread(hosts, 1, sizeof hosts - 1, f) : 0;
		if (f)
			fclose(f);
		hosts[n] = '\0';
		if (strstr(hosts, "127.0.0.1") && strstr(hosts, "localhost")) {
			assert_int_equal(RUN_ALLOC_OK("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem"), 0);
			assert_non_null(strstr(outbuf, "thumbprint 64d1095e8219e020566a2d02725bee491d938cbc\n"));
		}
	}
	/* an address names no DNS name: refused, with the way out */
	assert_int_equal(RUN("thumbprint", S("127.0.0.1:%d", p), "--ca-file", TLS "root-ca.pem"), 1);
	assert_one_error_line(S("thumbprint: https://127.0.0.1:%d/: TLS: certificate does not match the host name "
	                        "127.0.0.1: it is for CN=localhost, O=stsverify tests (DNS:localhost); names are "
	                        "matched as DNS names: connect by name (--resolve NAME:PORT:ADDR pins the address)", p));
}

/* ---- proxies ------------------------------------------------------------ */

static void drain_proxy_log(peer *pr, char *log, size_t cap)
{
	char line[256];
	size_t n = 0;
	log[0] = '\0';
	while (peer_line(pr, line, sizeof line, 200)) {
		n += (size_t)snprintf(log + n, cap - n, "%s\n", line);
		if (n >= cap)
			break;
	}
}

static void test_proxy_paths(void **state)
{
	int p = peers[P_GOOD].port, pp = peers[P_PROXY].port, pa = peers[P_PROXY_AUTH].port;
	char log[1024];
	(void)state;
	/* https_proxy wins over HTTPS_PROXY, and both CONNECTs go through it */
	setenv("https_proxy", S("http://127.0.0.1:%d", pp), 1);
	setenv("HTTPS_PROXY", "http://127.0.0.1:9", 1);
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem"), 0);
	assert_non_null(strstr(outbuf, S("  path      via proxy from https_proxy, CONNECT localhost:%d; proxy 127.0.0.1 "
	                                 "port %d, address 127.0.0.1\n", p, pp)));
	drain_proxy_log(&peers[P_PROXY], log, sizeof log);
	assert_string_equal(log, S("CONNECT localhost:%d\nCONNECT localhost:%d\n", p, p));

	/* NO_PROXY sends it direct, and says why */
	setenv("NO_PROXY", "example.com,.localhost,localhost", 1);
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem", "--resolve",
	                     S("localhost:%d:127.0.0.1", p)), 0);
	assert_non_null(strstr(outbuf, S("  path      direct (NO_PROXY matches localhost; https_proxy is not used): "
	                                 "localhost port %d, address 127.0.0.1 (from --resolve)\n", p)));
	drain_proxy_log(&peers[P_PROXY], log, sizeof log);
	assert_string_equal(log, "");
	unsetenv("NO_PROXY");

	/* no_proxy, like https_proxy, is read before its upper-case form */
	setenv("no_proxy", "localhost", 1);
	setenv("NO_PROXY", "example.com", 1);
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem", "--resolve",
	                     S("localhost:%d:127.0.0.1", p)), 0);
	assert_non_null(strstr(outbuf, S("  path      direct (no_proxy matches localhost; https_proxy is not used): "
	                                 "localhost port %d, address 127.0.0.1 (from --resolve)\n", p)));
	drain_proxy_log(&peers[P_PROXY], log, sizeof log);
	assert_string_equal(log, "");
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");

	/* --no-proxy ignores the environment */
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem", "--no-proxy",
	                     "--resolve", S("localhost:%d:127.0.0.1", p)), 0);
	assert_non_null(strstr(outbuf, "  path      direct (--no-proxy): "));
	unsetenv("https_proxy");

	/* HTTPS_PROXY alone, pointing nowhere: the error names the proxy */
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem"), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: connect to 127.0.0.1 port 9: connection refused", p));
	unsetenv("HTTPS_PROXY");

	/* a proxy that wants credentials: refused without, tunnels with */
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem", "--proxy",
	                     S("http://127.0.0.1:%d", pa)), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: proxy 127.0.0.1 refused CONNECT localhost:%d: 407 "
	                        "Proxy Authentication Required (the proxy wants credentials: http://user:pass@host:port)",
	                        p, p));
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem", "--proxy",
	                     S("http://tester:s3cr%%40t@127.0.0.1:%d", pa)), 0);
	assert_non_null(strstr(outbuf, "thumbprint 64d1095e8219e020566a2d02725bee491d938cbc\n"));
	drain_proxy_log(&peers[P_PROXY_AUTH], log, sizeof log);
	assert_string_equal(log, S("CONNECT localhost:%d\n", p));

	/* a proxy that refuses the target */
	assert_int_equal(RUN("thumbprint", "https://not-loopback.invalid/", "--ca-file", TLS "root-ca.pem", "--proxy",
	                     S("http://127.0.0.1:%d", pp)), 1);
	assert_one_error_line(S("thumbprint: https://not-loopback.invalid/: proxy 127.0.0.1 refused CONNECT "
	                        "not-loopback.invalid:443: 403 Forbidden"));
	/* TLS to the proxy is not offered */
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--ca-file", TLS "root-ca.pem", "--proxy",
	                     "https://127.0.0.1:3128"), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: proxy from --proxy is https://: TLS to the proxy "
	                        "is not supported (use http://)", p));
}

/* ---- trust anchors and usage -------------------------------------------- */

static void test_trust_sources_and_usage_errors(void **state)
{
	int p = peers[P_GOOD].port;
	char big[] = "/tmp/stsverify-bigca-XXXXXX";
	int fd;
	static char junk[(1 << 20) + 1];
	(void)state;
	setenv("SSL_CERT_FILE", TLS "root-ca.pem", 1);
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--resolve", S("localhost:%d:127.0.0.1", p)), 0);
	assert_non_null(strstr(outbuf, "trust     fixtures/tls/root-ca.pem ($SSL_CERT_FILE, 1 certificate)\n"));
	/* the same host, but anchored in the other CA: not trusted */
	setenv("SSL_CERT_FILE", TLS "other-ca.pem", 1);
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--resolve", S("localhost:%d:127.0.0.1", p)), 1);
	assert_one_error_line(S("thumbprint: https://localhost:%d/: TLS: certificate chain is not trusted by "
	                        "fixtures/tls/other-ca.pem ($SSL_CERT_FILE, 1 certificate): the last certificate sent, "
	                        "CN=stsverify test intermediate CA, O=stsverify tests, is issued by CN=stsverify test "
	                        "root CA, O=stsverify tests, which is not an anchor there", p));
	unsetenv("SSL_CERT_FILE");

	assert_int_equal(RUN("thumbprint", "localhost:1", "--ca-file", "/nonexistent/ca.pem"), 2);
	assert_error_and_hint("ca-file: /nonexistent/ca.pem: no such file", "check the path; the ca-file file comes from " H_CA_GET);
	assert_int_equal(RUN("thumbprint", "localhost:1", "--ca-file", TLS "leaf.key"), 2);
	assert_error_and_hint("ca-file: fixtures/tls/leaf.key (--ca-file): no PEM CERTIFICATE in it",
	                      "ca-file must be " H_CA_IS ", from " H_CA_GET);
	fd = mkstemp(big);
	assert_true(fd >= 0);
	memset(junk, 'A', sizeof junk);
	assert_int_equal(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
	close(fd);
	assert_int_equal(RUN("thumbprint", "localhost:1", "--ca-file", big), 2);
	assert_error_and_hint(S("ca-file: %s: larger than the 1048576-byte limit", big),
	                      "ca-file files are read into 1048576 bytes (SV_MAX_CA_FILE_BYTES in src/sv_tls.h); rebuild "
	                      "with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_CA_FILE_BYTES=4194304");
	unlink(big);

	assert_int_equal(RUN("fetch", "http://localhost/good", "--ca-file", TLS "root-ca.pem"), 2);
	assert_error_and_hint("fetch: ISSUER \"http://localhost/good\": plain http:// where https:// is required", H_ISSUER);
	assert_int_equal(RUN("fetch", "https://localhost/x?y", "--ca-file", TLS "root-ca.pem"), 2);
	assert_error_and_hint("fetch: ISSUER \"https://localhost/x?y\": an issuer has no query or fragment", H_ISSUER);
	assert_int_equal(RUN("fetch", "https://localhost/x", "--timeout", "soon"), 2);
	assert_error_and_hint("fetch: --timeout \"soon\": expected seconds (e.g. 10) or milliseconds (e.g. 500ms), "
	                      "at most 1 h", H_USAGE("fetch"));
	assert_int_equal(RUN("fetch", "https://localhost/x", "--resolve", "localhost:443:nowhere"), 2);
	assert_error_and_hint("fetch: --resolve \"localhost:443:nowhere\": expected HOST:PORT:ADDR with a numeric "
	                      "address, e.g. oidc.example.com:443:127.0.0.1", H_USAGE("fetch"));
	assert_int_equal(RUN("thumbprint"), 2);
	assert_error_and_hint("thumbprint: give exactly one URL (the jwks_uri)", H_USAGE("thumbprint"));
	assert_int_equal(RUN("thumbprint", "ht tp://x"), 2);
	assert_error_and_hint("thumbprint: URL \"ht tp://x\": URL has a space, control or non-ASCII byte at offset 2 "
	                      "(percent-encode it)",
	                      "give the jwks_uri of the discovery document, https://... (`stsverify fetch ISSUER` prints it)");
	assert_int_equal(RUN("fetch", "https://x", "--resolve", "a:443:127.0.0.1", "--resolve", "b:443:127.0.0.1",
	                     "--resolve", "c:443:127.0.0.1", "--resolve", "d:443:127.0.0.1", "--resolve",
	                     "e:443:127.0.0.1"), 2);
	assert_error_and_hint("fetch: more than 4 --resolve/--connect-to values (SV_MAX_RESOLVE)",
	                      "pin only the hosts this run reaches, or rebuild with a larger SV_MAX_RESOLVE (src/cli/net.h)");
	{
		static char longpath[1100];
		memset(longpath, 'a', sizeof longpath - 1);
		setenv("SSL_CERT_FILE", longpath, 1);
		assert_int_equal(RUN("thumbprint", "https://localhost:1/"), 2);
		assert_error_and_hint("thumbprint: $SSL_CERT_FILE is longer than 1023 bytes",
		                      "give the CA bundle as --ca-file FILE, or a shorter SSL_CERT_FILE path");
		unsetenv("SSL_CERT_FILE");
	}
	assert_int_equal(RUN("fetch", S("https://localhost:%d/good", p), "--ca-file", TLS "root-ca.pem", "--out",
	                     TLS "keys.json"), 2);
	assert_error_and_hint("fetch: --out fixtures/tls/keys.json: exists and is not a directory",
	                      "--out names a directory to create or reuse (the bundle directory check --dir reads)");
}


/* Without --ca-file and $SSL_CERT_FILE the first system bundle is the trust: it says so, and
 * the test PKI is not in it. */
static void test_trust_falls_back_to_the_system_bundle(void **state)
{
	static const char *const bundles[] = { "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
		"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem", NULL };
	int p = peers[P_GOOD].port, i;
	const char *bundle = NULL;
	struct stat st;
	(void)state;
	for (i = 0; bundles[i] && !bundle; i++)
		if (stat(bundles[i], &st) == 0 && S_ISREG(st.st_mode))
			bundle = bundles[i];
	if (!bundle)
		skip();
	unsetenv("SSL_CERT_FILE");
	assert_int_equal(RUN("thumbprint", S("localhost:%d", p), "--resolve", S("localhost:%d:127.0.0.1", p)), 1);
	if (strncmp(outbuf, S("trust     %s (system bundle, ", bundle), strlen(bundle) + 26) != 0)
		fail_msg("stdout: %s", outbuf);
	/* one line, naming the URL and the trust it was checked against */
	assert_true(strncmp(errbuf, S("stsverify: thumbprint: https://localhost:%d/: TLS: certificate chain is not trusted "
	                              "by %s (system bundle, ", p, bundle), 80) == 0);
	assert_non_null(strstr(errbuf, S("not trusted by %s (system bundle, ", bundle)));
	assert_true(strchr(errbuf, '\n') == errbuf + errlen - 1);
}

/* --version says which build this is: the full one, with the online commands. */
static void test_version_names_the_online_build(void **state)
{
	(void)state;
	assert_int_equal(RUN("--version"), 0);
	assert_non_null(strstr(outbuf, "\nbuild: target " SV_TARGET ", port " SV_PORT_NAME ", features: offline checks, "
	                               "online (TLS 1.2 via BearSSL, HTTP/1.1, CONNECT proxy)\n"));
}

/* ---- tokens the loopback issuer really signed ------------------------------ */

typedef struct dbuf {
	unsigned char *p;
	size_t n, cap;
} dbuf;

static void dbuf_sink(void *ctx, const void *buf, size_t len)
{
	dbuf *d = ctx;
	if (d->n + len > d->cap) {
		d->cap = (d->n + len) * 2;
		d->p = realloc(d->p, d->cap);
	}
	memcpy(d->p + d->n, buf, len);
	d->n += len;
}

/*
 * Writes a compact RS256 JWT for iss, signed with fixtures/tls/leaf.key (the
 * key keys.json publishes as kid "stsverify-test"), into a temporary file.
 */
static const char *make_token_exp(const char *iss, long exp_in, char *path, size_t cap);

static const char *make_token(const char *iss, char *path, size_t cap)
{
	return make_token_exp(iss, 3600, path, cap);
}

/* The same, expiring exp_in seconds from now (negative: already expired). */
static const char *make_token_exp(const char *iss, long exp_in, char *path, size_t cap)
{
	static br_skey_decoder_context sk;
	br_pem_decoder_context pc;
	dbuf der = { NULL, 0, 0 };
	char *pem, hdr[128], claims[512], signing[2048];
	unsigned char hash[32], sig[256];
	size_t len = 0, n;
	const unsigned char *q;
	const br_rsa_private_key *rsa;
	br_sha256_context h;
	long now = (long)time(NULL), iat = exp_in > 0 ? now - 60 : now + exp_in - 3600;
	int fd;
	FILE *f;

	pem = th_read(TLS "leaf.key", &len);
	assert_non_null(pem);
	q = (const unsigned char *)pem;
	br_pem_decoder_init(&pc);
	while (len > 0) {
		size_t k = br_pem_decoder_push(&pc, q, len);
		q += k;
		len -= k;
		if (br_pem_decoder_event(&pc) == BR_PEM_BEGIN_OBJ)
			br_pem_decoder_setdest(&pc, dbuf_sink, &der);
	}
	br_skey_decoder_init(&sk);
	br_skey_decoder_push(&sk, der.p, der.n);
	rsa = br_skey_decoder_get_rsa(&sk);
	assert_non_null(rsa);
	snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":\"stsverify-test\"}");
	snprintf(claims, sizeof claims,
	         "{\"iss\":\"%s\",\"sub\":\"system:serviceaccount:ns:sa\",\"aud\":[\"sts.amazonaws.com\"],"
	         "\"iat\":%ld,\"nbf\":%ld,\"exp\":%ld}", iss, iat, iat, now + exp_in);
	n = sv_b64url_encode((const unsigned char *)hdr, strlen(hdr), signing, sizeof signing);
	signing[n++] = '.';
	n += sv_b64url_encode((const unsigned char *)claims, strlen(claims), signing + n, sizeof signing - n);
	br_sha256_init(&h);
	br_sha256_update(&h, signing, n);
	br_sha256_out(&h, hash);
	assert_true(br_rsa_pkcs1_sign_get_default()(BR_HASH_OID_SHA256, hash, sizeof hash, rsa, sig));
	signing[n++] = '.';
	n += sv_b64url_encode(sig, sizeof sig, signing + n, sizeof signing - n);
	snprintf(path, cap, "/tmp/stsverify-token-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fwrite(signing, 1, n, f);
	fclose(f);
	free(pem);
	free(der.p);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* SHA-256 of bytes, in hex. */
static void sha256_hex(const void *p, size_t n, char out[65])
{
	br_sha256_context h;
	unsigned char d[32];
	size_t i;
	br_sha256_init(&h);
	br_sha256_update(&h, p, n);
	br_sha256_out(&h, d);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* The detail of a report row "STATUS  slug  detail" (slugs are padded to one column), or NULL. */
static const char *row(const char *status, const char *slug)
{
	char head[64];
	const char *p = outbuf;
	snprintf(head, sizeof head, "%s  %s ", status, slug);
	while (p && *p) {
		if (strncmp(p, head, strlen(head)) == 0) {
			const char *d = p + strlen(head);
			while (*d == ' ')
				d++;
			return d;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* Throws away what a peer printed so far (STSREQ lines of earlier runs). */
static void drain(peer *pr)
{
	char line[256];
	while (peer_line(pr, line, sizeof line, 100))
		;
}

/* ---- assume ------------------------------------------------------------------ */

static void test_assume_sends_the_request_bytes_and_explains(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64], want_hash[65], line[256];
	const char *ep = S("https://localhost:%d/", p), *pin = S("localhost:%d:127.0.0.1", p);
	static char req[8192];
	size_t reqlen;
	(void)state;
	make_token("https://localhost/good", tok, sizeof tok);
	drain(&peers[P_GOOD]);
	/* the bytes request prints ... */
	assert_int_equal(RUN("request", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--session-name", "sess1", "--endpoint-url", ep), 0);
	reqlen = outlen;
	memcpy(req, outbuf, reqlen);
	sha256_hex(req, reqlen, want_hash);
	/* ... are the bytes assume sends */
	assert_int_equal(RUN("assume", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--session-name", "sess1", "--endpoint-url", ep, "--ca-file", TLS "root-ca.pem",
	                     "--resolve", pin), 0);
	assert_true(peer_line(&peers[P_GOOD], line, sizeof line, 2000));
	assert_string_equal(line, S("STSREQ %s %zu", want_hash, reqlen));
	assert_non_null(strstr(outbuf, S("assume    POST https://localhost:%d/ (", p)));
	assert_non_null(strstr(outbuf, "  status    200 OK\n  type      text/xml\n\nSTS answer: success (read from the XML body)\n"
	                               "  assumed role:    arn:aws:sts::111122223333:assumed-role/ok/sess1\n"));
	assert_non_null(strstr(outbuf, "  access key:      ASIA... (20 characters; the rest, the secret key and the "
	                               "session token are not shown)\n"));
	assert_non_null(strstr(outbuf, "The credentials work: the role can be assumed"));
	/* no secret, anywhere */
	assert_null(strstr(outbuf, "ASIAEXAMPLEKEYID0001"));
	assert_null(strstr(outbuf, "wJalrXUtnFEMI"));
	assert_null(strstr(outbuf, "EXAMPLESESSIONTOKENSECRET"));
	assert_null(strstr(errbuf, "wJalrXUtnFEMI"));
	/* ... and not in memory either: the answer, the TLS engine's records and keys were wiped */
	if (ms_init()) {
		ms_leave_out(0, outbuf, sizeof outbuf);
		ms_leave_out(1, errbuf, sizeof errbuf);
		assert_false(ms_resident("wJalrXUtnFEMI/K7MDENG", 21));
		assert_false(ms_resident("EXAMPLESESSIONTOKENSECRET", 25));
	}
	unlink(tok);
}

static void test_assume_errors_are_explained(void **state)
{
	static const struct {
		const char *role, *first;
	} c[] = {
		{ "denied", "STS answer: error AccessDenied (HTTP 403), read from the XML body\n"
		            "  message:    Not authorized to perform sts:AssumeRoleWithWebIdentity\n" },
		{ "badaud", "STS answer: error InvalidIdentityToken (HTTP 400), read from the XML body\n"
		            "  message:    Incorrect token audience\n" },
		{ "noprovider", "STS answer: error InvalidIdentityToken (HTTP 400), read from the XML body\n"
		                "  message:    No OpenIDConnect provider found in your account for https://localhost/good\n" },
		{ "nokey", "STS answer: error InvalidIdentityToken (HTTP 400), read from the XML body\n"
		           "  message:    Couldn't retrieve verification key from your identity provider,  please "
		           "reference AssumeRoleWithWebIdentity documentation for requirements\n" },
		{ "thumbprint", "STS answer: error InvalidIdentityToken (HTTP 400), read from the XML body\n"
		                "  message:    OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint\n" },
		{ "expired", "STS answer: error ExpiredTokenException (HTTP 400), read from the XML body\n" },
		{ "region", "STS answer: error RegionDisabledException (HTTP 403), read from the XML body\n" },
	};
	int p = peers[P_GOOD].port;
	char tok[64], line[256];
	size_t i;
	(void)state;
	make_token("https://localhost/good", tok, sizeof tok);
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		int rc = RUN("assume", "--token", tok, "--role-arn", S("arn:aws:iam::111122223333:role/%s", c[i].role),
		             "--session-name", "sess1", "--endpoint-url", S("https://localhost:%d/", p), "--ca-file",
		             TLS "root-ca.pem", "--resolve", S("localhost:%d:127.0.0.1", p));
		if (rc != 1 || !strstr(outbuf, c[i].first))
			fail_msg("role %s: exit %d, stdout:\n%s", c[i].role, rc, outbuf);
		assert_non_null(strstr(outbuf, "\nWhat it means:\n"));
		assert_non_null(strstr(outbuf, "\nKnown causes:\n"));
		/* a good token and good parameters: check has nothing to add offline */
		assert_non_null(strstr(outbuf, "check finds nothing wrong in the token and the request parameters"));
		assert_true(peer_line(&peers[P_GOOD], line, sizeof line, 2000));
	}
	unlink(tok);
}

/* Every entry of the error catalogue, answered by the mock STS, is read back as that entry. */
static void test_assume_every_catalogued_error(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64], want[512];
	size_t n, i;
	const sv_sts_error *t = sv_sts_errors(&n);
	(void)state;
	assert_true(n >= 20);
	make_token("https://localhost/good", tok, sizeof tok);
	for (i = 0; i < n; i++) {
		int rc = RUN("assume", "--token", tok, "--role-arn", S("arn:aws:iam::111122223333:role/%s", t[i].id),
		             "--session-name", "sess1", "--endpoint-url", S("https://localhost:%d/", p), "--ca-file",
		             TLS "root-ca.pem", "--resolve", S("localhost:%d:127.0.0.1", p));
		snprintf(want, sizeof want, "STS answer: error %s (HTTP %d), read from the XML body\n", t[i].code, t[i].http);
		if (rc != 1 || !strstr(outbuf, want) || !strstr(outbuf, S("(catalogue entry %s;", t[i].id)) ||
		    !strstr(outbuf, "\nWhat it means:\n"))
			fail_msg("catalogue entry %s: exit %d, stdout:\n%s\nstderr:\n%s", t[i].id, rc, outbuf, errbuf);
	}
	drain(&peers[P_GOOD]);
	unlink(tok);
}

/* When the inputs themselves explain STS's error, assume shows the check finding. */
static void test_assume_error_with_its_check_finding(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64];
	(void)state;
	make_token_exp("https://localhost/good", -600, tok, sizeof tok);
	assert_int_equal(RUN("assume", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/expired",
	                     "--session-name", "sess1", "--endpoint-url", S("https://localhost:%d/", p), "--ca-file",
	                     TLS "root-ca.pem", "--resolve", S("localhost:%d:127.0.0.1", p)), 1);
	assert_non_null(strstr(outbuf, "STS answer: error ExpiredTokenException (HTTP 400), read from the XML body\n"));
	assert_non_null(strstr(outbuf, "\nWhat check finds in these inputs (token, role ARN, session name, duration):\n"
	                               "  FAIL  clm.exp  "));
	assert_null(strstr(outbuf, "check finds nothing wrong"));
	drain(&peers[P_GOOD]);
	unlink(tok);
}

static void test_assume_failures_and_usage(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64], line[256];
	(void)state;
	make_token("https://localhost/good", tok, sizeof tok);
	/* an endpoint that is no STS: a login page answers */
	assert_int_equal(RUN("assume", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--session-name", "s1", "--endpoint-url", S("https://localhost:%d/login/", p), "--ca-file",
	                     TLS "root-ca.pem", "--resolve", S("localhost:%d:127.0.0.1", p)), 1);
	assert_non_null(strstr(errbuf, S("stsverify: assume: https://localhost:%d/login/: HTTP 200, but the body is "
	                                 "not STS's answer (", p)));
	assert_non_null(strstr(outbuf, "  body      168 bytes: an HTML login page\n"));
	assert_non_null(strstr(errbuf, "; is the endpoint an STS endpoint, or did a proxy answer?\n"
	                               "hint: STS endpoints are https://sts.REGION.amazonaws.com/ (or a VPC endpoint's "
	                               "name); check --endpoint-url, AWS_ENDPOINT_URL_STS and HTTPS_PROXY/NO_PROXY\n"));
	/* an endpoint that does not answer */
	assert_int_equal(RUN("assume", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--session-name", "s1", "--endpoint-url", "https://localhost:1/", "--ca-file",
	                     TLS "root-ca.pem", "--resolve", "localhost:1:127.0.0.1"), 1);
	assert_non_null(strstr(errbuf, "stsverify: assume: https://localhost:1/: connect to localhost port 1 "
	                               "(127.0.0.1): connection refused\nhint: STS was not reached; an SDK taking the "
	                               "same path fails the same way (check the proxy variables, VPC endpoints and the "
	                               "endpoint URL)\n"));
	/* a request STS would refuse is not sent */
	drain(&peers[P_GOOD]);
	assert_int_equal(RUN("assume", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--session-name", "s", "--endpoint-url", S("https://localhost:%d/", p), "--ca-file",
	                     TLS "root-ca.pem", "--resolve", S("localhost:%d:127.0.0.1", p)), 1);
	assert_non_null(strstr(errbuf, "STS would reject this request: ValidationError"));
	assert_false(peer_line(&peers[P_GOOD], line, sizeof line, 300));
	/* options that belong to the other command */
	assert_int_equal(RUN("request", "--token", tok, "--role-arn", "arn:aws:iam::111122223333:role/ok",
	                     "--ca-file", TLS "root-ca.pem"), 2);
	assert_error_and_hint("request: the network options are for 'stsverify assume' (request sends nothing)",
	                      H_USAGE("request"));
	assert_int_equal(RUN("assume", "--token", tok, "--format", "curl"), 2);
	assert_error_and_hint("assume: --format is for 'stsverify request' (assume sends the request)", H_USAGE("assume"));
	unlink(tok);
}

/* ---- check --online -------------------------------------------------------- */

static const char *PROVIDER =
	"{\"Url\": \"localhost/%s\", \"ClientIDList\": [\"sts.amazonaws.com\"], "
	"\"ThumbprintList\": [\"%s\"], \"CreateDate\": \"2024-05-01T12:00:00Z\"}\n";
static const char *ROLE =
	"{\"Role\": {\"Path\": \"/\", \"RoleName\": \"ok\", \"RoleId\": \"AROAEXAMPLEEXAMPLE01\", "
	"\"Arn\": \"arn:aws:iam::111122223333:role/ok\", \"CreateDate\": \"2024-05-01T12:00:00Z\", "
	"\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	"\"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/localhost/good\"}, "
	"\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	"{\"localhost/good:sub\": \"system:serviceaccount:ns:sa\", \"localhost/good:aud\": \"sts.amazonaws.com\"}}}]}, "
	"\"MaxSessionDuration\": 3600}}\n";

static void test_check_online_fetches_live(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64], prov[] = "/tmp/stsverify-prov-XXXXXX", role[] = "/tmp/stsverify-role-XXXXXX";
	const char *pin = S("localhost:443:127.0.0.1:%d", p);
	(void)state;
	make_token("https://localhost/good", tok, sizeof tok);
	close(mkstemp(prov));
	close(mkstemp(role));
	write_file(prov, S(PROVIDER, "good", "64d1095e8219e020566a2d02725bee491d938cbc"));
	write_file(role, ROLE);

	/* everything fetched live and right: STS would accept */
	if (RUN("check", "--online", "--token", tok, "--provider", prov, "--role", role, "--session-name", "s1",
	        "--ca-file", TLS "root-ca.pem", "--connect-to", pin) != 0)
		fail_msg("check --online did not accept:\n%s\n%s", outbuf, errbuf);
	assert_non_null(strstr(outbuf, "discovery GET https://localhost/good/.well-known/openid-configuration\n"));
	assert_non_null(strstr(outbuf, S("  path      direct (no https_proxy/HTTPS_PROXY set): localhost port 443, "
	                                 "address 127.0.0.1 port %d (from --connect-to)\n", p)));
	assert_non_null(strstr(outbuf, "jwks      GET https://localhost/good/keys\n"));
	assert_non_null(strstr(outbuf, "online    the jwks_uri host sent 2 certificates; they are the thumbprint "
	                               "gate's chain\n"));
	assert_non_null(row("PASS", "disc.issuer"));
	assert_non_null(row("PASS", "prov.thumbprint"));
	assert_non_null(row("PASS", "sig.valid"));
	assert_non_null(strstr(outbuf, "STS would answer: success: credentials for "
	                               "arn:aws:sts::111122223333:assumed-role/ok/s1\n"));

	/* the live chain against a stale thumbprint */
	write_file(prov, S(PROVIDER, "good", "0000000000000000000000000000000000000000"));
	assert_int_equal(RUN("check", "--online", "--token", tok, "--provider", prov, "--role", role,
	                     "--session-name", "s1", "--ca-file", TLS "root-ca.pem", "--connect-to", pin), 1);
	assert_non_null(row("FAIL", "prov.thumbprint"));
	assert_non_null(strstr(row("FAIL", "prov.thumbprint"), "64d1095e8219e020566a2d02725bee491d938cbc"));
	assert_non_null(strstr(outbuf, "STS would answer: InvalidIdentityToken: OpenIDConnect provider's HTTPS "
	                               "certificate doesn't match configured thumbprint [prov.thumbprint]\n"));

	/* --json stays one JSON document */
	assert_int_equal(RUN("check", "--online", "--json", "--token", tok, "--ca-file", TLS "root-ca.pem",
	                     "--connect-to", pin), 0);
	assert_true(outbuf[0] == '{');
	assert_null(strstr(outbuf, "GET https://"));
	assert_non_null(strstr(outbuf, "{\"id\": \"sig.valid\", \"status\": \"PASS\""));
	unlink(tok);
	unlink(prov);
	unlink(role);
}

static void test_check_online_unfetchable_keys(void **state)
{
	int p = peers[P_GOOD].port;
	char tok[64];
	const char *pin = S("localhost:443:127.0.0.1:%d", p);
	(void)state;
	make_token("https://localhost/keysdenied", tok, sizeof tok);
	assert_int_equal(RUN("check", "--online", "--token", tok, "--ca-file", TLS "root-ca.pem", "--connect-to", pin),
	                 1);
	assert_non_null(row("FAIL", "jwks.keys"));
	assert_true(strncmp(row("FAIL", "jwks.keys"), "https://localhost/keysdenied/keys: HTTP 403: S3 AccessDenied "
	                    "(\"Access Denied\"): the bucket or object is not publicly readable, and STS fetches "
	                    "anonymously\n", 150) == 0);
	assert_non_null(strstr(outbuf, "STS would answer: InvalidIdentityToken: Couldn't retrieve verification key "
	                               "from your identity provider,  please reference AssumeRoleWithWebIdentity "
	                               "documentation for requirements [jwks.keys]\n"));
	/* an issuer nobody answers for */
	unlink(tok);
	make_token("https://localhost/good", tok, sizeof tok);
	assert_int_equal(RUN("check", "--online", "--token", tok, "--ca-file", TLS "root-ca.pem", "--connect-to",
	                     "localhost:443:127.0.0.1:1"), 1);
	assert_non_null(row("FAIL", "jwks.keys"));
	assert_true(strncmp(row("FAIL", "jwks.keys"), "https://localhost/good/.well-known/openid-configuration: "
	                    "connect to localhost port 443 (127.0.0.1 port 1): connection refused\n", 120) == 0);
	assert_non_null(row("SKIP", "disc.issuer"));
	/* files and --online do not mix */
	assert_int_equal(RUN("check", "--online", "--token", tok, "--jwks", TLS "keys.json"), 2);
	assert_error_and_hint("check: --online fetches the discovery document, the JWKS and the chain itself; drop "
	                      "--discovery, --jwks and --chain", H_USAGE("check"));
	unlink(tok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_writes_the_check_dir_bundle),
		cmocka_unit_test(test_fetch_chunked_over_ipv6),
		cmocka_unit_test(test_fetch_follows_and_reports_redirects),
		cmocka_unit_test(test_fetch_hostile_peers_fail_fast_with_one_line),
		cmocka_unit_test(test_connection_refused_and_total_deadline),
		cmocka_unit_test(test_connect_timeout_when_syn_gets_no_answer),
		cmocka_unit_test(test_thumbprint_equals_openssl_on_the_last_certificate),
		cmocka_unit_test(test_thumbprint_resolves_localhost_and_refuses_ip_names),
		cmocka_unit_test(test_proxy_paths),
		cmocka_unit_test(test_trust_sources_and_usage_errors),
		cmocka_unit_test(test_trust_falls_back_to_the_system_bundle),
		cmocka_unit_test(test_version_names_the_online_build),
		cmocka_unit_test(test_assume_sends_the_request_bytes_and_explains),
		cmocka_unit_test(test_assume_errors_are_explained),
		cmocka_unit_test(test_assume_every_catalogued_error),
		cmocka_unit_test(test_assume_error_with_its_check_finding),
		cmocka_unit_test(test_assume_failures_and_usage),
		cmocka_unit_test(test_check_online_fetches_live),
		cmocka_unit_test(test_check_online_unfetchable_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
