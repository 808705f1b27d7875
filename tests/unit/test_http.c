/* test_http.c -- src/sv_http.c without any network: URLs, NO_PROXY, request
 * heads, the strict response parser (every case fed whole and byte by byte),
 * and the body recognisers. */
#include "helpers.h"
#include "sv_http.h"

static sv_http_resp resp;
static unsigned char body[4096];

/* ---- the response parser ---------------------------------------------- */

#define EOF_NONE  0   /* the response must complete without an end of stream */
#define EOF_CLEAN 1
#define EOF_DIRTY 2

static const struct {
	const char *name;
	const char *in;
	size_t cap;          /* body limit; 0 means sizeof body */
	unsigned flags;
	int eof;             /* what happens after the bytes */
	int rc;
	int status;
	const char *body;    /* expected body when rc == SV_OK */
	const char *msg;     /* substring of err.msg when rc != SV_OK */
} rcases[] = {
	{ "content-length", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
	  0, 0, EOF_NONE, SV_OK, 200, "{}", NULL },
	{ "content-length-zero", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0, 0, EOF_NONE, SV_OK, 200, "", NULL },
	{ "http10", "HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\nnah", 0, 0, EOF_NONE, SV_OK, 404, "nah", NULL },
	{ "empty-reason", "HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx", 0, 0, EOF_NONE, SV_OK, 200, "x", NULL },
	{ "ows-around-value", "HTTP/1.1 200 OK\r\nContent-Length: \t 3 \r\n\r\nabc", 0, 0, EOF_NONE, SV_OK, 200, "abc", NULL },
	{ "same-length-twice", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 0, 0, EOF_NONE, SV_OK, 200, "x", NULL },
	{ "chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
	  0, 0, EOF_NONE, SV_OK, 200, "Wikipedia", NULL },
	{ "chunked-case", "HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\nA\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n",
	  0, 0, EOF_NONE, SV_OK, 200, "0123456789abcdefghij", NULL },
	{ "chunked-extension", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4 ;a=b;c\r\nWiki\r\n0;x\r\n\r\n",
	  0, 0, EOF_NONE, SV_OK, 200, "Wiki", NULL },
	{ "chunked-trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Checksum: 1\r\nX-B: 2\r\n\r\n",
	  0, 0, EOF_NONE, SV_OK, 200, "x", NULL },
	{ "chunked-leading-zeros", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0002\r\nhi\r\n000\r\n\r\n",
	  0, 0, EOF_NONE, SV_OK, 200, "hi", NULL },
	{ "interim-100", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
	  0, 0, EOF_NONE, SV_OK, 200, "ok", NULL },
	{ "no-content", "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n", 0, 0, EOF_NONE, SV_OK, 204, "", NULL },
	{ "close-delimited", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
	  0, 0, EOF_CLEAN, SV_OK, 200, "until the end", NULL },
	{ "connect-200-bare", "HTTP/1.1 200 Connection established\r\n\r\n", 0, SV_HTTP_F_CONNECT, EOF_NONE,
	  SV_OK, 200, "", NULL },
	{ "connect-403", "HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope", 0, SV_HTTP_F_CONNECT, EOF_NONE,
	  SV_OK, 403, "nope", NULL },

	/* hostile or broken */
	{ "close-delimited-unclean", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\ncut he",
	  0, 0, EOF_DIRTY, SV_E_FORMAT, 200, NULL,
	  "connection closed without TLS close_notify after 6 body bytes (no Content-Length: the body may be truncated)" },
	{ "no-headers", "HTTP/1.1 200 OK\r\n\r\n{\"a\":1}", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "response has no header fields (status 200 and nothing else)" },
	{ "not-http", "{\"issuer\":\"x\"}", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL,
	  "not an HTTP response (no status line; it starts \"{" },
	{ "tls-alert-bytes", "\x15\x03\x01\x00\x02\x02\x28", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL,
	  "not an HTTP response (no status line; it starts \"\\x15" },
	{ "nothing", "", 0, 0, EOF_CLEAN, SV_E_FORMAT, 0, NULL, "connection closed before any response" },
	{ "eof-in-head", "HTTP/1.1 200 OK\r\nContent-Le", 0, 0, EOF_CLEAN, SV_E_FORMAT, 200, NULL,
	  "connection closed inside the response head" },
	{ "eof-in-body", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", 0, 0, EOF_CLEAN, SV_E_FORMAT, 200, NULL,
	  "connection closed after 2 of 5 body bytes" },
	{ "eof-in-chunks", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWi", 0, 0, EOF_CLEAN,
	  SV_E_FORMAT, 200, NULL, "connection closed inside the chunked body after 2 bytes" },
	{ "eof-before-last-chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n", 0, 0,
	  EOF_CLEAN, SV_E_FORMAT, 200, NULL, "connection closed inside the chunked body after 4 bytes" },
	{ "chunk-size-not-hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "malformed chunk size line \"zz\"" },
	{ "chunk-size-0x", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x4\r\nWiki\r\n", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "malformed chunk size line \"0x4\"" },
	{ "chunk-size-negative", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-4\r\n", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "malformed chunk size line \"-4\"" },
	{ "chunk-size-empty", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "malformed chunk size line \"\"" },
	{ "chunk-size-space-first", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 4\r\nWiki\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "malformed chunk size line \" 4\"" },
	{ "chunk-size-huge", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "too large" },
	{ "chunk-too-long-data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nWiki\r\n0\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "chunk data not followed by CRLF (after 3 body bytes; chunk size wrong?)" },
	{ "chunk-bare-lf", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\nWiki\r\n0\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "bare LF in a chunked-encoding line (expected CRLF)" },
	{ "chunk-data-bare-lf", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\n0\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "chunk data not followed by CRLF" },
	{ "chunk-bare-cr", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\rWiki\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "bare CR in a chunked-encoding line" },
	{ "chunk-ext-control", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;\x01\r\nWiki\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "control character in a chunk extension" },
	{ "chunk-over-limit", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n8\r\n", 6, 0,
	  EOF_NONE, SV_E_LIMIT, 200, NULL, "body larger than the 6-byte limit (a chunk of 8 bytes after 4)" },
	{ "bad-trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon here\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "malformed header line \"no colon here\"" },
	{ "length-over-limit", "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n", 0, 0, EOF_NONE, SV_E_LIMIT, 200,
	  NULL, "body of 1000000 bytes (Content-Length) is larger than the 4096-byte limit" },
	{ "length-at-limit", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd", 4, 0, EOF_NONE, SV_OK, 200, "abcd", NULL },
	{ "close-over-limit", "HTTP/1.1 200 OK\r\nContent-Type: x\r\n\r\nabcdef", 5, 0, EOF_CLEAN, SV_E_LIMIT, 200,
	  NULL, "body larger than the 5-byte limit" },
	{ "te-and-cl", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "both Transfer-Encoding and Content-Length (ambiguous framing)" },
	{ "te-gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200,
	  NULL, "unsupported Transfer-Encoding \"gzip, chunked\"" },
	{ "te-twice", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 0,
	  EOF_NONE, SV_E_FORMAT, 200, NULL, "more than one Transfer-Encoding field" },
	{ "te-in-http10", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200,
	  NULL, "Transfer-Encoding in an HTTP/1.0 response" },
	{ "cl-conflict", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "conflicting Content-Length fields" },
	{ "cl-plus", "HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "bad Content-Length \"+1\"" },
	{ "cl-list", "HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "bad Content-Length \"1, 1\"" },
	{ "gzip-body", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx", 0, 0, EOF_NONE,
	  SV_E_FORMAT, 200, NULL, "body is encoded (Content-Encoding \"gzip\") although identity was asked for" },
	{ "obs-fold", "HTTP/1.1 200 OK\r\nX-A: 1\r\n  2\r\nContent-Length: 0\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT,
	  200, NULL, "obsolete line folding in a header field" },
	{ "bare-lf-head", "HTTP/1.1 200 OK\nContent-Length: 0\n\n", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL,
	  "line in the response head ends in a bare LF (expected CRLF)" },
	{ "bare-cr-head", "HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "bare CR in the response head" },
	{ "space-before-colon", "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200,
	  NULL, "bad header field name \"Content-Length \"" },
	{ "no-colon", "HTTP/1.1 200 OK\r\nContent-Length 0\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "malformed header line \"Content-Length 0\"" },
	{ "nul-in-value", "HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 200, NULL,
	  "control character in header field X-A" },
	{ "status-two-digits", "HTTP/1.1 20 OK\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL,
	  "malformed status line \"HTTP/1.1 20 OK\"" },
	{ "http2", "HTTP/2.0 200 OK\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL, "malformed status line \"HTTP/2.0 200 OK\"" },
	{ "http19", "HTTP/1.9 200 OK\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 0, NULL, "malformed status line" },
	{ "switching", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", 0, 0, EOF_NONE, SV_E_FORMAT, 101,
	  NULL, "unexpected 101 Switching Protocols" },
};

/* Feeds the whole case, in pieces of step bytes (0: all at once). */
static int run_case(size_t i, size_t step, size_t *consumed)
{
	const char *in = rcases[i].in;
	size_t n = strlen(in), off = 0, used;
	int rc = SV_OK;
	if (strcmp(rcases[i].name, "nul-in-value") == 0)
		n = sizeof "HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n" - 1;
	sv_http_resp_init(&resp, body, rcases[i].cap ? rcases[i].cap : sizeof body, rcases[i].flags);
	while (off < n && rc == SV_OK && !resp.done) {
		size_t k = step && n - off > step ? step : n - off;
		rc = sv_http_feed(&resp, (const unsigned char *)in + off, k, &used);
		assert_true(used <= k);
		off += used;
		if (rc == SV_OK && !resp.done)
			assert_int_equal(used, k);
	}
	*consumed = off;
	if (rc == SV_OK && !resp.done) {
		if (rcases[i].eof == EOF_NONE)
			return 1;   /* wanted completion without EOF */
		rc = sv_http_eof(&resp, rcases[i].eof == EOF_CLEAN);
	}
	return rc;
}

static void test_http_response_table(void **state)
{
	size_t i, s;
	static const size_t steps[] = { 0, 1, 2, 7 };
	(void)state;
	for (i = 0; i < sizeof rcases / sizeof rcases[0]; i++) {
		for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
			size_t consumed;
			int rc = run_case(i, steps[s], &consumed);
			if (rc != rcases[i].rc) {
				print_error("case %s (step %zu): rc %d, want %d (%s)\n", rcases[i].name, steps[s], rc,
				            rcases[i].rc, resp.err.msg);
				fail();
			}
			if (resp.status != rcases[i].status) {
				print_error("case %s: status %d, want %d\n", rcases[i].name, resp.status,
				            rcases[i].status);
				fail();
			}
			if (rc == SV_OK) {
				assert_true(resp.done);
				if (resp.blen != strlen(rcases[i].body) ||
				    memcmp(resp.body, rcases[i].body, resp.blen) != 0) {
					print_error("case %s: body %.*s\n", rcases[i].name, (int)resp.blen, resp.body);
					fail();
				}
			} else if (!strstr(resp.err.msg, rcases[i].msg)) {
				print_error("case %s (step %zu): message \"%s\" lacks \"%s\"\n", rcases[i].name,
				            steps[s], resp.err.msg, rcases[i].msg);
				fail();
			}
		}
	}
}

static void test_http_stops_at_end_of_response(void **state)
{
	static const char in[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA";
	size_t used;
	(void)state;
	sv_http_resp_init(&resp, body, sizeof body, 0);
	assert_int_equal(sv_http_feed(&resp, (const unsigned char *)in, sizeof in - 1, &used), SV_OK);
	assert_true(resp.done);
	assert_int_equal(used, sizeof in - 1 - 5);
	assert_true(sv_eq(sv_http_field_get(&resp, SV_LIT("content-length")), SV_LIT("2")));
	assert_null(sv_http_field_get(&resp, SV_LIT("Location")).p);
}

static void test_http_not_http_shows_the_bytes(void **state)
{
	static const char in[] = "{\"issuer\":\"x\"}";
	size_t used;
	(void)state;
	sv_http_resp_init(&resp, body, sizeof body, 0);
	assert_int_equal(sv_http_feed(&resp, (const unsigned char *)in, sizeof in - 1, &used), SV_E_FORMAT);
	assert_string_equal(resp.err.msg, "not an HTTP response (no status line; it starts \"{\"issuer\":\"x\"}\")");
}

static void test_http_head_limit(void **state)
{
	static char in[SV_MAX_HTTP_HEAD_BYTES + 64];
	size_t used, n;
	(void)state;
	memset(in, 'a', sizeof in);
	memcpy(in, "HTTP/1.1 200 OK\r\nX-Big: ", 25);
	n = sizeof in;
	sv_http_resp_init(&resp, body, sizeof body, 0);
	assert_int_equal(sv_http_feed(&resp, (const unsigned char *)in, n, &used), SV_E_LIMIT);
	assert_string_equal(resp.err.msg, "response head larger than 16384 bytes (SV_MAX_HTTP_HEAD_BYTES)");
}

static void test_http_too_many_fields(void **state)
{
	static char in[8192];
	size_t used, k;
	sv_buf b;
	(void)state;
	sv_buf_init(&b, in, sizeof in);
	sv_buf_str(&b, "HTTP/1.1 200 OK\r\n");
	for (k = 0; k <= SV_MAX_HTTP_FIELDS; k++)
		sv_buf_fmt(&b, "X-%z: v\r\n", k);
	sv_buf_str(&b, "\r\n");
	sv_http_resp_init(&resp, body, sizeof body, 0);
	assert_int_equal(sv_http_feed(&resp, (const unsigned char *)in, b.len, &used), SV_E_LIMIT);
	assert_string_equal(resp.err.msg, "more than 64 header fields (SV_MAX_HTTP_FIELDS)");
}

/* ---- URLs --------------------------------------------------------------- */

static const struct {
	const char *in;
	unsigned flags;
	int rc;
	const char *host;
	int port;
	const char *target;
	const char *msg;
} ucases[] = {
	{ "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", 0, SV_OK, "oidc.eks.us-west-2.amazonaws.com", 443, "/id/ABC", NULL },
	{ "HTTPS://Example.COM", 0, SV_OK, "example.com", 443, "/", NULL },
	{ "https://example.com?x=1#frag", 0, SV_OK, "example.com", 443, "/?x=1", NULL },
	{ "https://example.com:8443/a/b?c", 0, SV_OK, "example.com", 8443, "/a/b?c", NULL },
	{ "https://example.com:/a", 0, SV_OK, "example.com", 443, "/a", NULL },
	{ "https://[::1]:9443/keys", 0, SV_OK, "::1", 9443, "/keys", NULL },
	{ "https://127.0.0.1/", 0, SV_OK, "127.0.0.1", 443, "/", NULL },
	{ "http://proxy.corp:3128", SV_URL_ALLOW_HTTP, SV_OK, "proxy.corp", 3128, "/", NULL },
	{ "proxy.corp:3128", SV_URL_ALLOW_HTTP | SV_URL_NO_SCHEME_OK, SV_OK, "proxy.corp", 3128, "/", NULL },
	{ "http://proxy.corp", SV_URL_ALLOW_HTTP, SV_OK, "proxy.corp", 80, "/", NULL },
	{ "example.com", SV_URL_NO_SCHEME_OK, SV_OK, "example.com", 443, "/", NULL },
	{ "http://example.com/", 0, SV_E_FORMAT, NULL, 0, NULL, "plain http:// where https:// is required" },
	{ "ftp://example.com/", 0, SV_E_FORMAT, NULL, 0, NULL, "unsupported scheme \"ftp\" (expected https)" },
	{ "example.com", 0, SV_E_FORMAT, NULL, 0, NULL, "not an absolute URL (expected https://host/...)" },
	{ "https://", 0, SV_E_FORMAT, NULL, 0, NULL, "URL has no host" },
	{ "https://:443/", 0, SV_E_FORMAT, NULL, 0, NULL, "URL has no host" },
	{ "https://user:pw@example.com/", 0, SV_E_FORMAT, NULL, 0, NULL, "credentials (user@) in the URL are not allowed here" },
	{ "https://example.com:0/", 0, SV_E_FORMAT, NULL, 0, NULL, "bad port \"0\"" },
	{ "https://example.com:65536/", 0, SV_E_FORMAT, NULL, 0, NULL, "bad port \"65536\"" },
	{ "https://example.com:44x/", 0, SV_E_FORMAT, NULL, 0, NULL, "bad port \"44x\"" },
	{ "https://exa mple.com/", 0, SV_E_FORMAT, NULL, 0, NULL, "URL has a space, control or non-ASCII byte at offset 11" },
	{ "https://ex%41.com/", 0, SV_E_FORMAT, NULL, 0, NULL, "bad character \"%\" in host name" },
	{ "https://[::1/", 0, SV_E_FORMAT, NULL, 0, NULL, "IPv6 address without closing ]" },
	{ "https://[zz]/", 0, SV_E_FORMAT, NULL, 0, NULL, "bad IPv6 address \"zz\"" },
	{ "https://[::1]x/", 0, SV_E_FORMAT, NULL, 0, NULL, "unexpected \"x\" after the host" },
};

static void test_url_table(void **state)
{
	static sv_url u;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof ucases / sizeof ucases[0]; i++) {
		sv_err e;
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_url_parse(sv_from_cstr(ucases[i].in), ucases[i].flags, &u, &e);
		if (rc != ucases[i].rc) {
			print_error("url %s: rc %d (%s)\n", ucases[i].in, rc, e.msg);
			fail();
		}
		if (rc == SV_OK) {
			assert_string_equal(u.host, ucases[i].host);
			assert_int_equal(u.port, ucases[i].port);
			assert_string_equal(u.target, ucases[i].target);
		} else if (!strstr(e.msg, ucases[i].msg)) {
			print_error("url %s: message \"%s\" lacks \"%s\"\n", ucases[i].in, e.msg, ucases[i].msg);
			fail();
		}
	}
}

static void test_url_proxy_userinfo(void **state)
{
	static sv_url p, t;
	static char req[1024];
	sv_err e;
	size_t n;
	(void)state;
	assert_int_equal(sv_url_parse(SV_LIT("http://us%40er:p%3Ass@127.0.0.1:3128/"),
	                              SV_URL_ALLOW_HTTP | SV_URL_ALLOW_USERINFO, &p, &e), SV_OK);
	assert_string_equal(p.user, "us@er");
	assert_string_equal(p.pass, "p:ss");
	assert_int_equal(sv_url_parse(SV_LIT("https://[::1]/x"), 0, &t, &e), SV_OK);
	n = sv_http_connect_request(req, sizeof req, &t, &p);
	/* base64("us@er:p:ss") */
	assert_string_equal(req, "CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\nUser-Agent: stsverify/" SV_VERSION
	                         "\r\nProxy-Authorization: Basic dXNAZXI6cDpzcw==\r\n\r\n");
	assert_int_equal(n, strlen(req));
}

static void test_url_resolve(void **state)
{
	static sv_url base, out;
	static const struct { const char *loc, *want; } c[] = {
		{ "https://other.example/keys", "https://other.example/keys" },
		{ "//cdn.example:8443/k", "https://cdn.example:8443/k" },
		{ "/abs/path?q=1", "https://issuer.example:9443/abs/path?q=1" },
		{ "keys.json", "https://issuer.example:9443/dir/keys.json" },
		{ "?v=2", "https://issuer.example:9443/dir/doc?v=2" },
		{ "http://issuer.example/plain", "http://issuer.example/plain" },
	};
	char buf[512];
	size_t i;
	sv_err e;
	(void)state;
	assert_int_equal(sv_url_parse(SV_LIT("https://issuer.example:9443/dir/doc?a=b"), 0, &base, &e), SV_OK);
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		sv_buf b;
		assert_int_equal(sv_url_resolve(&base, sv_from_cstr(c[i].loc), &out, &e), SV_OK);
		sv_buf_init(&b, buf, sizeof buf);
		sv_url_format(&b, &out);
		if (strcmp(buf, c[i].want) != 0) {
			print_error("resolve %s: %s\n", c[i].loc, buf);
			fail();
		}
	}
	assert_int_equal(sv_url_resolve(&base, SV_LIT(""), &out, &e), SV_E_FORMAT);
}

static void test_no_proxy(void **state)
{
	static const struct { const char *np, *host; int want; } c[] = {
		{ "*", "anything.example", 1 },
		{ "example.com", "example.com", 1 },
		{ "example.com", "www.example.com", 1 },
		{ "example.com", "notexample.com", 0 },
		{ ".example.com", "example.com", 1 },
		{ ".example.com", "a.b.example.com", 1 },
		{ "*.example.com", "a.example.com", 1 },
		{ "EXAMPLE.com", "www.example.COM", 1 },
		{ "localhost,127.0.0.1", "127.0.0.1", 1 },
		{ "localhost, 127.0.0.1", "localhost", 1 },
		{ "10.0.0.0/8,.svc", "10.1.2.3", 1 },
		{ "10.0.0.0/8,.svc", "11.1.2.3", 0 },
		{ "10.0.0.0/8,.svc", "kubernetes.default.svc", 1 },
		{ "192.168.1.0/24", "192.168.1.77", 1 },
		{ "192.168.1.0/24", "192.168.2.77", 0 },
		{ "0.0.0.0/0", "8.8.8.8", 1 },
		{ "::1", "::1", 1 },
		{ "[::1]", "::1", 1 },
		{ "example.com:443", "example.com", 1 },
		{ "", "example.com", 0 },
		{ ",,", "example.com", 0 },
		{ "sts.amazonaws.com", "oidc.eks.us-west-2.amazonaws.com", 0 },
		{ ".amazonaws.com", "sts.us-west-2.amazonaws.com", 1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		if (sv_no_proxy_match(sv_from_cstr(c[i].np), c[i].host) != c[i].want) {
			print_error("NO_PROXY=%s host %s: want %d\n", c[i].np, c[i].host, c[i].want);
			fail();
		}
	}
}

static void test_request_bytes(void **state)
{
	static sv_url u;
	char req[1024];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_url_parse(SV_LIT("https://Issuer.example/.well-known/openid-configuration"), 0, &u, &e),
	                 SV_OK);
	n = sv_http_request(req, sizeof req, "GET", &u, "application/json", NULL, 0);
	assert_int_equal(n, strlen(req));
	assert_string_equal(req, "GET /.well-known/openid-configuration HTTP/1.1\r\n"
	                         "Host: issuer.example\r\n"
	                         "User-Agent: stsverify/" SV_VERSION "\r\n"
	                         "Accept: application/json\r\n"
	                         "Accept-Encoding: identity\r\n"
	                         "Connection: close\r\n\r\n");
	assert_int_equal(sv_url_parse(SV_LIT("https://[::1]:8443/"), 0, &u, &e), SV_OK);
	sv_http_request(req, sizeof req, "POST", &u, NULL, "application/x-www-form-urlencoded; charset=utf-8", 12);
	assert_string_equal(req, "POST / HTTP/1.1\r\n"
	                         "Host: [::1]:8443\r\n"
	                         "User-Agent: stsverify/" SV_VERSION "\r\n"
	                         "Accept: */*\r\n"
	                         "Accept-Encoding: identity\r\n"
	                         "Connection: close\r\n"
	                         "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
	                         "Content-Length: 12\r\n\r\n");
	assert_int_equal(sv_http_request(req, 20, "GET", &u, NULL, NULL, 0), 0);
}

static void test_body_classify(void **state)
{
	sv_body_info bi;
	(void)state;
	sv_body_classify(SV_LIT("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
	                        "<Message>Access Denied</Message><RequestId>X</RequestId></Error>"),
	                 SV_LIT("application/xml"), &bi);
	assert_int_equal(bi.kind, SV_BODY_S3_ERROR);
	assert_true(sv_eq(bi.code, SV_LIT("AccessDenied")));
	assert_true(sv_eq(bi.message, SV_LIT("Access Denied")));
	sv_body_classify(SV_LIT("<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to "
	                        "access must be addressed using the specified endpoint.</Message>"
	                        "<Endpoint>b.s3.us-west-2.amazonaws.com</Endpoint><Bucket>b</Bucket></Error>"),
	                 SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_S3_ERROR);
	assert_true(sv_eq(bi.code, SV_LIT("PermanentRedirect")));
	assert_true(sv_eq(bi.endpoint, SV_LIT("b.s3.us-west-2.amazonaws.com")));
	sv_body_classify(SV_LIT("<!DOCTYPE html><html><head><title> Sign in - Corp SSO </title></head><body>"
	                        "<form><input type=\"password\" name=\"pw\"></form></body></html>"),
	                 SV_LIT("text/html; charset=utf-8"), &bi);
	assert_int_equal(bi.kind, SV_BODY_HTML_LOGIN);
	assert_true(sv_eq(bi.title, SV_LIT("Sign in - Corp SSO")));
	sv_body_classify(SV_LIT("<html><title>404</title>nothing here</html>"), SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_HTML);
	sv_body_classify(SV_LIT("\xef\xbb\xbf  {\"keys\":[]}"), SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_JSON);
	sv_body_classify(SV_LIT(" \r\n"), SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_EMPTY);
	sv_body_classify(SV_LIT("<feed/>"), SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_XML);
	sv_body_classify(SV_LIT("plain words"), SV_NULL, &bi);
	assert_int_equal(bi.kind, SV_BODY_OTHER);
}

static void test_b64std(void **state)
{
	char out[16];
	(void)state;
	assert_int_equal(sv_b64std_encode((const unsigned char *)"", 0, out, sizeof out), 0);
	assert_int_equal(sv_b64std_encode((const unsigned char *)"f", 1, out, sizeof out), 4);
	assert_string_equal(out, "Zg==");
	sv_b64std_encode((const unsigned char *)"fo", 2, out, sizeof out);
	assert_string_equal(out, "Zm8=");
	sv_b64std_encode((const unsigned char *)"foo", 3, out, sizeof out);
	assert_string_equal(out, "Zm9v");
	assert_int_equal(sv_b64std_encode((const unsigned char *)"foobar", 6, out, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http_response_table),
		cmocka_unit_test(test_http_stops_at_end_of_response),
		cmocka_unit_test(test_http_not_http_shows_the_bytes),
		cmocka_unit_test(test_http_head_limit),
		cmocka_unit_test(test_http_too_many_fields),
		cmocka_unit_test(test_url_table),
		cmocka_unit_test(test_url_proxy_userinfo),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_no_proxy),
		cmocka_unit_test(test_request_bytes),
		cmocka_unit_test(test_body_classify),
		cmocka_unit_test(test_b64std),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
