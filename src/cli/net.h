/*
 * net.h -- online requests for the CLI: the driving loop around the pure
 * pieces (sv_http, sv_tls) and the port's TCP. HTTPS only, one connection
 * per request (Connection: close), at most SV_MAX_REDIRECTS redirects,
 * HTTPS_PROXY/NO_PROXY via CONNECT. Everything is static storage: the
 * commands run one request at a time.
 */
#ifndef SV_CLI_NET_H
#define SV_CLI_NET_H

#include "cli.h"
#include "../sv_http.h"
#include "../sv_tls.h"
#include "stsverify/sv_port.h"

#ifndef SV_MAX_RESOLVE
#define SV_MAX_RESOLVE 4
#endif

/* Options every online command shares (--ca-file, timeouts, proxy, --resolve). */
typedef struct sv_netopts {
	const char *ca_file;
	int         connect_ms;      /* --connect-timeout */
	int         io_ms;           /* --timeout: per read/write without progress */
	int         total_ms;        /* --max-time: per request */
	const char *proxy;           /* --proxy URL ("" = none); NULL = environment */
	int         no_proxy;        /* --no-proxy */
	size_t      max_body;        /* --max-body; 0 = each document's own limit */
	struct {
		char     host[256];
		uint16_t port;
		char     addr[64];
		uint16_t to_port;    /* --connect-to: the port to use instead; 0 for --resolve */
	} resolve[SV_MAX_RESOLVE];
	size_t      nresolve;
} sv_netopts;

void sv_netopts_init(sv_netopts *o);

/* Option ids 100.. are the shared ones; SV_NET_OPTS goes into a command's table. */
enum {
	SV_NOPT_CA_FILE = 100, SV_NOPT_CONNECT_TIMEOUT, SV_NOPT_TIMEOUT, SV_NOPT_MAX_TIME,
	SV_NOPT_PROXY, SV_NOPT_NO_PROXY, SV_NOPT_RESOLVE, SV_NOPT_MAX_BODY, SV_NOPT_CONNECT_TO
};
#define SV_NET_OPTS                                                                       \
	{ "ca-file", 1, SV_NOPT_CA_FILE }, { "connect-timeout", 1, SV_NOPT_CONNECT_TIMEOUT }, \
	{ "timeout", 1, SV_NOPT_TIMEOUT }, { "max-time", 1, SV_NOPT_MAX_TIME },             \
	{ "proxy", 1, SV_NOPT_PROXY }, { "no-proxy", 0, SV_NOPT_NO_PROXY },                 \
	{ "resolve", 1, SV_NOPT_RESOLVE }, { "max-body", 1, SV_NOPT_MAX_BODY },            \
	{ "connect-to", 1, SV_NOPT_CONNECT_TO }

#define SV_NET_OPTS_HELP                                                                         \
	"  --ca-file FILE     trust anchors (PEM); default $SSL_CERT_FILE, then the system bundle\n" \
	"  --connect-timeout S  seconds (or Nms) to connect, all addresses together (default 10)\n" \
	"  --timeout S        seconds (or Nms) one read or write may wait for data (default 15)\n" \
	"  --max-time S       seconds (or Nms) for one whole request (default 60)\n"              \
	"  --proxy URL        http://[user:pass@]host:port for CONNECT (default: $https_proxy,\n" \
	"                     then $HTTPS_PROXY, honouring $no_proxy / $NO_PROXY); --no-proxy: none\n" \
	"  --resolve H:P:ADDR connect to ADDR for host H port P (like curl; skips DNS)\n"          \
	"  --connect-to H:P:ADDR:P2  the same, to port P2 of ADDR (curl's --connect-to; the URL,\n" \
	"                     Host, SNI and certificate name stay H)\n"                             \
	"  --max-body N       refuse bodies larger than N bytes (default: the document's limit)\n"

/* Handles a shared option; 1 handled, 0 not ours, -1 error (printed). */
int sv_netopts_opt(sv_cli *c, sv_netopts *o, int id, const char *arg);

/* Where the trust anchors came from. */
typedef struct sv_trust {
	sv_ta_store store;
	char        source[300];      /* path, and which rule chose it */
} sv_trust;

/* Loads --ca-file, $SSL_CERT_FILE or the first system bundle; prints and returns != 0 on error. */
int sv_net_load_trust(sv_cli *c, const sv_netopts *o, sv_trust *t);

/* One connection of a request. */
typedef struct sv_hop {
	sv_url  url;
	char    path[400];       /* how we got there: direct/proxy, address */
	int     tls_done;
	char    tls[160];        /* "TLSv1.2 ECDHE_RSA_WITH_AES_128_GCM_SHA256" */
	size_t  nchain;          /* certificates kept in chain[] */
	size_t  chain_seen;
	sv_cert_info chain[SV_MAX_CHAIN_CERTS];
	unsigned char sha1[SV_MAX_CHAIN_CERTS][20];
	unsigned char last_sha1[20];
	int     status;          /* 0 until a response head arrived */
	char    reason[64];
	char    location[SV_MAX_URL_BYTES];
} sv_hop;

typedef struct sv_request {
	/* in */
	const char *method;            /* "GET" (follows redirects) or "POST" */
	const char *accept;
	const char *content_type;      /* POST */
	const unsigned char *body;     /* POST body */
	size_t      body_len;
	const unsigned char *raw;      /* exact request bytes to send instead (assume); NULL: build */
	size_t      raw_len;
	int         handshake_only;    /* thumbprint: stop after TLS */
	unsigned char *out;            /* response body buffer */
	size_t      out_cap;
	const char *limit_name;        /* what out_cap is, for messages: "SV_MAX_DOC_BYTES" */
	/* out */
	sv_hop      hop[SV_MAX_REDIRECTS + 1];
	size_t      nhop;
	sv_http_resp resp;             /* the last response */
	char        err[1200];         /* "<url>: <what failed>", when the request failed */
	int         failed_rc;         /* SV_E_* of the failure */
} sv_request;

/*
 * Runs the request on url. SV_OK when a complete response arrived (any
 * status: the caller judges it); otherwise an SV_E_* with r->err set.
 */
int sv_net_request(const sv_netopts *o, const sv_trust *t, const char *url, sv_request *r);

/*
 * assume: sends the request bytes built for p to ep, explains STS's answer
 * (credentials never shown) and, on an error, what check finds in p.
 * Returns the exit status.
 */
struct sv_arwwi;
struct sv_endpoint;
int sv_cli_assume_send(sv_cli *c, const sv_netopts *o, const struct sv_endpoint *ep,
                       const struct sv_arwwi *p, const unsigned char *req, size_t len);

/*
 * Is the response a JSON object STS can read as the document `what`
 * ("discovery document", "JWK Set")? 0 yes (doc parsed); 1 no, with why =
 * "<url>: <what is wrong>" (S3 errors, login pages, status, not JSON) and
 * line = what the body is, for a report.
 */
int sv_net_judge(const sv_request *r, const char *what, sv_json *doc, jsmntok_t *tok, size_t ntok,
                 sv_buf *why, sv_buf *line);

/* The chain the last TLS connection received, as PEM; SV_E_LIMIT when not all of it was kept. */
int sv_net_last_chain_pem(char *out, size_t cap, size_t *len, size_t *ncerts);

/*
 * check --online: fetches <iss>/.well-known/openid-configuration and its
 * jwks_uri for the token in ci, sets ci->discovery, ci->jwks and ci->chain
 * (the jwks_uri host's, as PEM) to what came, or ci->fetch_error to why
 * not. show: print each request (text mode). 0, or -1 on a usage error
 * (printed), e.g. unreadable trust anchors.
 */
struct sv_check_in;
int sv_cli_check_online(sv_cli *c, const sv_netopts *o, int show, struct sv_check_in *ci);

/* Prints what each hop did: path, TLS, chain (full), status and redirects. */
void sv_net_render_hop(sv_out *out, const sv_hop *h, int full_chain);

#endif
