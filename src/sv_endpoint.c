/*
 * sv_endpoint.c -- where botocore 1.43 sends AssumeRoleWithWebIdentity:
 * STS's endpoint rule set and partitions.json (STS-FACTS a.6), checked
 * against botocore's own output for every case in tests/unit/test_request.c.
 */
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

typedef struct partition {
	const char *name;
	const char *prefix;      /* regionRegex is ^<prefix>\w+-\d+$ */
	const char *dns;
	const char *dual;
	const char *regions;     /* explicit regions, space-separated, padded with spaces */
} partition;

/* botocore/data/partitions.json (1.43.11), in its order: the first regex match wins. */
static const partition parts[] = {
	{ "aws", NULL, "amazonaws.com", "api.aws",
	  " af-south-1 ap-east-1 ap-east-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1"
	  " ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5"
	  " ap-southeast-6 ap-southeast-7 aws-global ca-central-1 ca-west-1 eu-central-1 eu-central-2"
	  " eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 il-central-1 me-central-1"
	  " me-south-1 mx-central-1 sa-east-1 us-east-1 us-east-2 us-west-1 us-west-2 " },
	{ "aws-cn", "cn-", "amazonaws.com.cn", "api.amazonwebservices.com.cn",
	  " aws-cn-global cn-north-1 cn-northwest-1 " },
	{ "aws-eusc", "eusc-de-", "amazonaws.eu", "api.amazonwebservices.eu", " eusc-de-east-1 " },
	{ "aws-iso", "us-iso-", "c2s.ic.gov", "api.aws.ic.gov",
	  " aws-iso-global us-iso-east-1 us-iso-west-1 " },
	{ "aws-iso-b", "us-isob-", "sc2s.sgov.gov", "api.aws.scloud",
	  " aws-iso-b-global us-isob-east-1 us-isob-west-1 " },
	{ "aws-iso-e", "eu-isoe-", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk",
	  " aws-iso-e-global eu-isoe-west-1 " },
	{ "aws-iso-f", "us-isof-", "csp.hci.ic.gov", "api.aws.hci.ic.gov",
	  " aws-iso-f-global us-isof-east-1 us-isof-south-1 " },
	{ "aws-us-gov", "us-gov-", "amazonaws.com", "api.aws",
	  " aws-us-gov-global us-gov-east-1 us-gov-west-1 " },
};

/* The aws partition's regex: ^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$ */
static const char *const aws_prefixes[] = { "us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-",
	                                    "il-", "mx-" };

/* args.py LEGACY_GLOBAL_STS_REGIONS */
static const char legacy_global[] =
    " ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 aws-global ca-central-1"
    " eu-central-1 eu-north-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1 us-east-1 us-east-2"
    " us-west-1 us-west-2 ";

static int in_list(const char *list, sv_sv r)
{
	const char *p = list;
	while ((p = strstr(p, " ")) != NULL && p[1]) {
		const char *q = p + 1, *e = strchr(q, ' ');
		if ((size_t)(e - q) == r.n && memcmp(q, r.p, r.n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

static int word(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* <prefix>\w+-\d+ exactly */
static int regex_match(const char *prefix, sv_sv r)
{
	size_t pl = strlen(prefix), i, dash;
	if (!sv_has_prefix(r, sv_from_cstr(prefix)))
		return 0;
	dash = (size_t)-1;
	for (i = pl; i < r.n; i++)
		if (r.p[i] == '-')
			dash = i;
	if (dash == (size_t)-1 || dash == pl || dash + 1 == r.n)
		return 0;
	for (i = pl; i < dash; i++)
		if (!word(r.p[i]))
			return 0;
	for (i = dash + 1; i < r.n; i++)
		if (r.p[i] < '0' || r.p[i] > '9')
			return 0;
	return 1;
}

/* the rule set's aws.partition(): explicit regions, then regexes, then aws */
static const partition *partition_of(sv_sv r)
{
	size_t i, k;
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (in_list(parts[i].regions, r))
			return &parts[i];
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (parts[i].prefix) {
			if (regex_match(parts[i].prefix, r))
				return &parts[i];
			continue;
		}
		for (k = 0; k < sizeof aws_prefixes / sizeof aws_prefixes[0]; k++)
			if (regex_match(aws_prefixes[k], r))
				return &parts[i];
	}
	return &parts[0];
}

/* see sv_sts.h */
int sv_endpoint_legacy_global(sv_sv region)
{
	return in_list(legacy_global, region);
}

/* botocore validate_region_name: ^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$ */
static int region_ok(sv_sv r)
{
	size_t i;
	int digits = 1;
	if (r.n > 63 || (r.n && (r.p[0] == '-' || r.p[r.n - 1] == '-')))
		return 0;
	for (i = 0; i < r.n; i++) {
		char c = r.p[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c < '0' || c > '9')
			digits = 0;
	}
	return !(r.n && digits);
}

static int host_label_ok(sv_sv h)
{
	size_t i, start = 0;
	if (h.n == 0 || h.n > 255)
		return 0;
	if (h.p[h.n - 1] == '.')
		h.n--;
	for (i = 0; i <= h.n; i++) {
		if (i == h.n || h.p[i] == '.') {
			size_t l = i - start;
			if (l == 0 || l > 63 || h.p[start] == '-' || h.p[i - 1] == '-')
				return 0;
			start = i + 1;
			continue;
		}
		if (!((h.p[i] >= 'A' && h.p[i] <= 'Z') || (h.p[i] >= 'a' && h.p[i] <= 'z') ||
		      (h.p[i] >= '0' && h.p[i] <= '9') || h.p[i] == '-'))
			return 0;
	}
	return 1;
}

static int v6_ok(sv_sv h)
{
	size_t i;
	if (h.n < 2)
		return 0;
	for (i = 0; i < h.n; i++) {
		char c = h.p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
		      c == ':' || c == '.' || c == '%'))
			return 0;
	}
	return sv_find(h, ':', 0) != (size_t)-1;
}

static void lower_into(sv_buf *b, sv_sv s)
{
	size_t i;
	for (i = 0; i < s.n; i++) {
		char c = s.p[i];
		sv_buf_char(b, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
	}
}

/* A custom endpoint URL: scheme://host[:port][/path][?query][#fragment]. */
static int custom(sv_sv u, sv_endpoint *ep, sv_err *err)
{
	size_t i, hs, he, ps, pe, ts;
	sv_sv scheme, host, port = SV_NULL, path, query = SV_NULL, netloc;
	int https, v6 = 0;
	sv_buf b;

	for (i = 0; i < u.n; i++) {
		unsigned char c = (unsigned char)u.p[i];
		if (c <= 0x20 || c == 0x7F)   /* botocore: UNSAFE_URL_CHARS, and no spaces in a URL */
			goto bad;
	}
	i = sv_find(u, ':', 0);
	if (i == (size_t)-1 || i + 2 >= u.n || u.p[i + 1] != '/' || u.p[i + 2] != '/')
		goto bad;
	scheme = sv_slice(u, 0, i);
	if (sv_eq_nocase(scheme, SV_LIT("https")))
		https = 1;
	else if (sv_eq_nocase(scheme, SV_LIT("http")))
		https = 0;
	else {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "endpoint URL %q: the scheme must be http or https", u);
		return SV_E_FORMAT;
	}
	hs = i + 3;
	for (ps = hs; ps < u.n && u.p[ps] != '/' && u.p[ps] != '?' && u.p[ps] != '#'; ps++)
		;
	netloc = sv_slice(u, hs, ps);
	if (sv_find(netloc, '@', 0) != (size_t)-1) {
		sv_err_set(err, SV_E_FORMAT, hs,
		           "endpoint URL %q: user information before '@' is not supported", u);
		return SV_E_FORMAT;
	}
	if (netloc.n && netloc.p[0] == '[') {
		he = sv_find(netloc, ']', 0);
		if (he == (size_t)-1)
			goto bad;
		host = sv_slice(netloc, 1, he);
		v6 = 1;
		if (he + 1 < netloc.n) {
			if (netloc.p[he + 1] != ':')
				goto bad;
			port = sv_slice(netloc, he + 2, netloc.n);
		}
		if (!v6_ok(host))
			goto bad;
	} else {
		he = sv_find(netloc, ':', 0);
		host = sv_slice(netloc, 0, he == (size_t)-1 ? netloc.n : he);
		if (he != (size_t)-1)
			port = sv_slice(netloc, he + 1, netloc.n);
		if (!host_label_ok(host))
			goto bad;
	}
	if (port.p) {
		uint32_t pv = 0;
		if (port.n == 0 || port.n > 5)
			goto badport;
		for (i = 0; i < port.n; i++) {
			if (port.p[i] < '0' || port.p[i] > '9')
				goto badport;
			pv = pv * 10 + (uint32_t)(port.p[i] - '0');
		}
		if (pv > 65535)
			goto badport;
		/* http.client leaves the default port out of Host */
		if ((https && pv == 443) || (!https && pv == 80))
			port = SV_NULL;
	}
	for (pe = ps; pe < u.n && u.p[pe] != '?' && u.p[pe] != '#'; pe++)
		;
	path = sv_slice(u, ps, pe);
	if (pe < u.n && u.p[pe] == '?') {
		size_t qe = sv_find(u, '#', pe);
		query = sv_slice(u, pe + 1, qe == (size_t)-1 ? u.n : qe);
	}

	/* the URL botocore uses: scheme://netloc, the path ('/' when empty), ?query; no fragment */
	sv_buf_init(&b, ep->url, sizeof ep->url);
	sv_buf_sv(&b, sv_slice(u, 0, ps));
	ts = b.len;
	sv_buf_sv(&b, path.n ? path : SV_LIT("/"));
	if (query.n) {
		sv_buf_char(&b, '?');
		sv_buf_sv(&b, query);
	}
	if (b.overflow)
		goto toolong;
	ep->url_len = b.len;
	ep->target_off = ts;
	sv_buf_init(&b, ep->host, sizeof ep->host);
	if (v6)
		sv_buf_char(&b, '[');
	lower_into(&b, host);
	if (v6)
		sv_buf_char(&b, ']');
	if (port.p) {
		sv_buf_char(&b, ':');
		sv_buf_sv(&b, port);
	}
	if (b.overflow)
		goto toolong;
	ep->host_len = b.len;
	return SV_OK;
bad:
	sv_err_set(err, SV_E_FORMAT, 0, "Invalid endpoint: %v", u);
	return SV_E_FORMAT;
badport:
	sv_err_set(err, SV_E_FORMAT, 0, "endpoint URL %q: the port must be a number from 0 to 65535", u);
	return SV_E_FORMAT;
toolong:
	sv_err_set(err, SV_E_LIMIT, 0, "endpoint URL longer than SV_MAX_URL_BYTES=%d", SV_MAX_URL_BYTES);
	return SV_E_LIMIT;
}

static void computed(sv_endpoint *ep, const char *label, sv_sv region, const char *suffix)
{
	sv_buf b;
	sv_buf_init(&b, ep->url, sizeof ep->url);
	sv_buf_str(&b, "https://");
	sv_buf_str(&b, label);
	if (region.p) {
		sv_buf_char(&b, '.');
		sv_buf_sv(&b, region);
	}
	sv_buf_char(&b, '.');
	sv_buf_str(&b, suffix);
	ep->target_off = b.len;
	sv_buf_char(&b, '/');
	ep->url_len = b.len;
	ep->host_len = ep->target_off - 8;
	memcpy(ep->host, ep->url + 8, ep->host_len);
	ep->host[ep->host_len] = '\0';
}

/* see sv_sts.h */
int sv_endpoint_resolve(const sv_endpoint_in *in, sv_endpoint *ep, sv_err *err)
{
	sv_sv r = in->region;
	const partition *pt;

	memset(ep, 0, sizeof *ep);
	if (r.p && !region_ok(r)) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "Provided region_name '%v' doesn't match a supported format.", r);
		return SV_E_FORMAT;
	}
	if (!r.p || r.n == 0)
		r = SV_LIT("aws-global");   /* what botocore's STS client resolves with no region */

	if (in->endpoint_url.p) {
		/* a given endpoint turns UseFIPS / UseDualStack off (args.py), and legacy off too */
		ep->custom = 1;
		ep->rule = "custom endpoint URL (it overrides regional/legacy, FIPS and dual-stack)";
		return custom(in->endpoint_url, ep, err);
	}
	pt = partition_of(r);
	ep->partition = pt->name;
	if (in->legacy && !in->fips && !in->dualstack) {
		if (sv_endpoint_legacy_global(r)) {
			computed(ep, "sts", SV_NULL, "amazonaws.com");
			ep->global = 1;
			ep->rule = "legacy mode, and the region is one of the 16 sent to the global endpoint";
		} else {
			computed(ep, "sts", r, pt->dns);
			ep->rule = "legacy mode, but this region is not one of the 16 global ones: regional";
		}
		return SV_OK;
	}
	if (in->fips && in->dualstack) {
		computed(ep, "sts-fips", r, pt->dual);
		ep->rule = "FIPS and dual-stack";
	} else if (in->fips && strcmp(pt->name, "aws-us-gov") == 0) {
		computed(ep, "sts", r, "amazonaws.com");
		ep->rule = "FIPS in GovCloud: the regular host already is FIPS";
	} else if (in->fips) {
		computed(ep, "sts-fips", r, pt->dns);
		ep->rule = in->legacy ? "FIPS (it wins over legacy mode)" : "FIPS";
	} else if (in->dualstack) {
		computed(ep, "sts", r, pt->dual);
		ep->rule = in->legacy ? "dual-stack (it wins over legacy mode)" : "dual-stack";
	} else if (sv_eq(r, SV_LIT("aws-global"))) {
		computed(ep, "sts", SV_NULL, "amazonaws.com");
		ep->global = 1;
		ep->rule = in->region.p && in->region.n ? "region aws-global: the global endpoint"
		                                        : "no region: the global endpoint";
	} else {
		computed(ep, "sts", r, pt->dns);
		ep->rule = "regional";
	}
	return SV_OK;
}
