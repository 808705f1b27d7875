/*
 * sv_http.h -- HTTP/1.1 client pieces that are pure functions of bytes:
 * URLs, proxy rules, request heads, a strict incremental response parser
 * and the recognisers for the classic issuer-hosting failures. The CLI
 * (src/cli/net.c) drives them over the port; nothing here does I/O.
 */
#ifndef SV_HTTP_H
#define SV_HTTP_H

#include "sv_internal.h"

/* Longest URL we handle (issuer, jwks_uri, Location, proxy). */
#ifndef SV_MAX_URL_BYTES
#define SV_MAX_URL_BYTES 2048
#endif
/* Status line plus header fields of one response. */
#ifndef SV_MAX_HTTP_HEAD_BYTES
#define SV_MAX_HTTP_HEAD_BYTES 16384
#endif
/* Header fields kept per response. */
#ifndef SV_MAX_HTTP_FIELDS
#define SV_MAX_HTTP_FIELDS 64
#endif
/* A chunk-size line (size, extensions) or a trailer line. */
#ifndef SV_MAX_HTTP_LINE_BYTES
#define SV_MAX_HTTP_LINE_BYTES 1024
#endif
/* Redirects followed per request (the issue asks for at most 3). */
#ifndef SV_MAX_REDIRECTS
#define SV_MAX_REDIRECTS 3
#endif

/* ---- URLs ------------------------------------------------------------- */

typedef struct sv_url {
	int      https;                    /* 1 https, 0 http */
	char     host[256];                /* NUL-terminated; IPv6 without brackets; lowercased */
	int      ipv6;                     /* host is an IPv6 literal */
	int      ipv4;                     /* host is a dotted-quad IPv4 literal */
	uint16_t port;                     /* explicit or the scheme's default */
	int      port_given;
	char     target[SV_MAX_URL_BYTES]; /* path and query, "/" when empty; NUL-terminated */
	char     user[128], pass[128];     /* userinfo, percent-decoded (proxy URLs only) */
	int      has_user;
} sv_url;

#define SV_URL_ALLOW_HTTP     1u   /* accept http:// (proxies) */
#define SV_URL_ALLOW_USERINFO 2u   /* accept user:pass@ (proxies) */
#define SV_URL_NO_SCHEME_OK   4u   /* "host:port" without a scheme (proxies, thumbprint) */

/*
 * Parses an absolute URL. Without SV_URL_ALLOW_HTTP only https is
 * accepted. A fragment is dropped. SV_E_FORMAT with err saying what is
 * wrong ("not https", "empty host", "bad port", ...).
 */
int sv_url_parse(sv_sv s, unsigned flags, sv_url *u, sv_err *err);

/* "https://host[:port]/target" (port only when not the default), NUL-terminated. */
void sv_url_format(sv_buf *b, const sv_url *u);
/* "host:port" as CONNECT and the Host header want it ([v6]:port). */
void sv_url_authority(sv_buf *b, const sv_url *u, int always_port);

/*
 * Resolves a Location value against the URL it came from (absolute,
 * scheme-relative "//h/p", absolute path "/p", relative path, "?q").
 */
int sv_url_resolve(const sv_url *base, sv_sv location, sv_url *out, sv_err *err);

/*
 * NO_PROXY matching, curl's rules: comma- or space-separated entries; "*"
 * matches everything; a name matches itself and its subdomains (a leading
 * dot is optional); IP literals match exactly; IPv4 entries may carry a
 * /prefix (CIDR). Hosts compare case-insensitively; ports are ignored.
 * Returns 1 when host must be reached directly.
 */
int sv_no_proxy_match(sv_sv no_proxy, const char *host);

/* ---- requests --------------------------------------------------------- */

/*
 * A request head for method (GET/POST) on u: request line, Host,
 * User-Agent, Accept, Accept-Encoding: identity, Connection: close, and
 * Content-Type/Content-Length when body_len > 0 or method is POST.
 * Returns the length, or 0 when cap is too small.
 */
size_t sv_http_request(char *out, size_t cap, const char *method, const sv_url *u,
                       const char *accept, const char *content_type, size_t body_len);

/* "CONNECT host:port HTTP/1.1" + Host (+ Proxy-Authorization from proxy userinfo). */
size_t sv_http_connect_request(char *out, size_t cap, const sv_url *target, const sv_url *proxy);

/* ---- responses -------------------------------------------------------- */

typedef struct sv_http_field {
	sv_sv name;
	sv_sv value;
} sv_http_field;

typedef enum sv_http_framing {
	SV_HTTP_NONE = 0,      /* no body (1xx, 204, 304, 2xx to CONNECT) */
	SV_HTTP_LENGTH,        /* Content-Length */
	SV_HTTP_CHUNKED,       /* Transfer-Encoding: chunked */
	SV_HTTP_CLOSE          /* until the connection closes */
} sv_http_framing;

#define SV_HTTP_F_CONNECT 1u   /* the answer to CONNECT: a 2xx has no body */

typedef struct sv_http_resp {
	/* results */
	int            minor;        /* HTTP/1.<minor> */
	int            status;       /* 0 until the status line is in */
	sv_sv          reason;
	sv_http_field  f[SV_MAX_HTTP_FIELDS];
	size_t         nf;
	sv_http_framing framing;
	uint64_t       clen;         /* Content-Length, when framing is LENGTH */
	unsigned char *body;         /* caller's buffer */
	size_t         body_cap;     /* the body limit */
	size_t         blen;         /* body bytes so far */
	int            head_done;    /* status line and fields parsed */
	int            done;         /* the whole response is in */
	sv_err         err;
	/* private */
	unsigned       flags;
	int            st;
	char           head[SV_MAX_HTTP_HEAD_BYTES];
	size_t         hlen;
	size_t         line_start;
	char           line[SV_MAX_HTTP_LINE_BYTES];
	size_t         llen;
	uint64_t       left;         /* bytes left in this chunk / the body */
	size_t         ntrail;       /* trailer fields seen */
	int            cr;           /* saw CR, want LF */
} sv_http_resp;

void sv_http_resp_init(sv_http_resp *r, unsigned char *body, size_t body_cap, unsigned flags);

/*
 * Feeds received bytes. Consumes up to the end of the response (*used
 * tells how many; bytes after it are left alone). SV_OK while fine (check
 * r->done); SV_E_FORMAT (malformed) or SV_E_LIMIT (a size limit) with
 * r->err. Interim 1xx responses are skipped.
 */
int sv_http_feed(sv_http_resp *r, const unsigned char *in, size_t n, size_t *used);

/*
 * The stream ended. clean: the transport ended properly (TLS close_notify;
 * plain TCP FIN). Completes a close-delimited body; anywhere else it is
 * SV_E_FORMAT "connection closed ..." with r->err.
 */
int sv_http_eof(sv_http_resp *r, int clean);

/* First field named name (case-insensitive), SV_NULL when absent. */
sv_sv sv_http_field_get(const sv_http_resp *r, sv_sv name);

/* 1 for 301, 302, 303, 307, 308. */
int sv_http_is_redirect(int status);

/* ---- what the body is ------------------------------------------------- */

typedef enum sv_body_kind {
	SV_BODY_JSON = 0,        /* parses as a JSON object */
	SV_BODY_EMPTY,
	SV_BODY_S3_ERROR,        /* <Error><Code>...</Code> (S3/CloudFront), see code */
	SV_BODY_HTML_LOGIN,      /* an HTML page with a login/sign-in form */
	SV_BODY_HTML,            /* other HTML */
	SV_BODY_XML,             /* other XML */
	SV_BODY_OTHER
} sv_body_kind;

typedef struct sv_body_info {
	sv_body_kind kind;
	sv_sv code;              /* S3 <Code> */
	sv_sv message;           /* S3 <Message> */
	sv_sv endpoint;          /* S3 <Endpoint> (PermanentRedirect) */
	sv_sv bucket;            /* S3 <BucketName> */
	sv_sv title;             /* HTML <title> */
} sv_body_info;

/* Classifies a response body by its bytes (content_type only helps). */
void sv_body_classify(sv_sv body, sv_sv content_type, sv_body_info *bi);

/* Standard base64 with padding (Proxy-Authorization: Basic). */
size_t sv_b64std_encode(const unsigned char *in, size_t n, char *out, size_t cap);

#endif
